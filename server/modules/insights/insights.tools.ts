// The insights as assistant (and MCP) tools: the same functions as the REST routes, computed by
// the rules (in a chat the chat's own model writes from what these return).
import { z } from 'zod';
import { BRIEF_TYPES, DRAFT_TYPES } from '../../../contracts/insights';
import type { ToolSpec } from '../../assistant/tools';
import { brief, dealInsights, draftEmail, recordSentiment } from './insights.service';

export function insightTools(): ToolSpec[] {
  return [
    {
      name: 'deal_insights',
      description: 'The risk (0–100) of a deal with the factors driving it (days in stage vs. the stage median, days since the last activity, close date passed, no primary contact, amount cut, moved back a stage) and next best actions, each with a ready task body for create_task.',
      input: z.object({ id: z.uuid().describe('Id of the deal') }),
      role: 'viewer',
      destructive: false,
      execute: (ctx, i) => dealInsights(ctx, i.id as string),
    },
    {
      name: 'brief_record',
      description: 'A brief on a contact, company or deal: who/what, relationship history, open work and the last touch, drawn from its notes and activities and those of its related records, with citations.',
      input: z.object({ type: z.enum(BRIEF_TYPES).describe('contact, company or deal'), id: z.uuid().describe('Id of the record') }),
      role: 'viewer',
      destructive: false,
      execute: (ctx, i) => brief(ctx, i.type as (typeof BRIEF_TYPES)[number], i.id as string),
    },
    {
      name: 'draft_email',
      description: 'Draft an email (subject and body) about a contact, company, deal or lead for a purpose, from its facts, with citations. Nothing is sent.',
      input: z.object({
        relatedType: z.enum(DRAFT_TYPES).describe('Type of the record'),
        relatedId: z.uuid().describe('Id of the record'),
        purpose: z.string().min(1).max(500).describe('What the email is for, e.g. "the renewal"'),
        tone: z.enum(['friendly', 'formal', 'brief']).optional().describe('friendly (default), formal or brief'),
      }),
      role: 'member',
      destructive: false,
      execute: (ctx, i) => draftEmail(ctx, i),
    },
    {
      name: 'record_sentiment',
      description: 'Sentiment (positive, neutral or negative with a score from -1 to 1) of the recent notes on a contact, company, deal or lead, and overall.',
      input: z.object({ type: z.enum(DRAFT_TYPES).describe('Type of the record'), id: z.uuid().describe('Id of the record') }),
      role: 'viewer',
      destructive: false,
      execute: (ctx, i) => recordSentiment(ctx, i.type as string, i.id as string),
    },
  ];
}
