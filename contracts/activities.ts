import { z } from 'zod';
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
