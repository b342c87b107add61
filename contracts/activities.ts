import { z } from 'zod';
import { ActivitySchema } from './common';
import { RELATED_TYPES } from './tasks';

/** Things that happened with a customer, logged by hand (or by the assistant) on a record's timeline. */
export const LOGGED_ACTIVITY_TYPES = ['call', 'email', 'meeting'] as const;
export type LoggedActivityType = (typeof LOGGED_ACTIVITY_TYPES)[number];

export const LogActivityInputSchema = z.strictObject({
  type: z.enum(LOGGED_ACTIVITY_TYPES).describe('call, email or meeting'),
  relatedType: z.enum(RELATED_TYPES).describe('Type of the record it was with (contact, company, deal, lead, project)'),
  relatedId: z.uuid({ message: 'must be a record id' }).describe('Id of that record'),
  occurredAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional().describe('When it happened (ISO 8601); now when omitted'),
  summary: z.string().trim().min(1, 'Say what happened').max(5000).describe('What was said or done'),
  outcome: z.string().trim().min(1).max(500).nullable().optional().describe('The result, e.g. "wants a demo", "left a voicemail"'),
});
export type LogActivityInput = z.input<typeof LogActivityInputSchema>;

export const LoggedActivitySchema = z.object({
  id: z.string().describe('Id of the timeline entry'),
  type: z.enum(LOGGED_ACTIVITY_TYPES),
  relatedType: z.enum(RELATED_TYPES),
  relatedId: z.string(),
  occurredAt: z.string(),
  summary: z.string(),
  outcome: z.string().nullable(),
  loggedBy: z.string(),
});
export type LoggedActivity = z.infer<typeof LoggedActivitySchema>;

// The organization's activity feed (GET /api/v1/activities): every change, newest first, filterable.
const feedDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const ActivityFeedQuerySchema = z.object({
  actorId: z.string().min(1).max(100).optional().describe('Only changes made by (or on behalf of) this user id'),
  entityType: z.string().regex(/^[a-z_]{1,40}$/, 'must be a record type such as contact or deal').optional().describe('Only changes to this record type (contact, deal, pipeline, …)'),
  entityId: z.string().min(1).max(100).optional().describe('Only changes to this one record'),
  action: z.string().regex(/^[a-z_]{1,40}$/, 'must be an action such as created or stage_change').optional().describe('Only this action (created, updated, deleted, restored, stage_change, note_added, call_logged, …)'),
  from: feedDate.optional().describe('Changes at or after this time (ISO 8601)'),
  to: feedDate.optional().describe('Changes before this time (ISO 8601)'),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50).describe('Page size (1–200, default 50)'),
});
export type ActivityFeedQuery = z.input<typeof ActivityFeedQuerySchema>;

export const FeedActivitySchema = ActivitySchema.extend({
  recordTitle: z.string().nullable().describe('The record\'s current title (name, subject); null when it is gone or not a record'),
});
export type FeedActivity = z.infer<typeof FeedActivitySchema>;

export const ActivityFeedSchema = z.object({
  data: z.array(FeedActivitySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next (older) page; null on the last page'),
});
export type ActivityFeed = z.infer<typeof ActivityFeedSchema>;
