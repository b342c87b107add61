// /deals/{id}/insights, /{contacts|companies|deals}/{id}/brief, /ai/draft-email, sentiment and
// /ai/insight-events (an insight acted on). HTTP only: the rules are in insights.service.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { IdParamSchema } from '../../../contracts/common';
import { BriefSchema, DealInsightsSchema, DealsAtRiskSchema, DraftEmailInputSchema, DraftEmailSchema, InsightEventInputSchema, RecordSentimentSchema, SentimentSchema, type BriefType } from '../../../contracts/insights';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody, jsonResponse as json } from '../../lib/openapi';
import { brief, dealInsights, dealsAtRisk, draftEmail, noteSentiment, recordInsightUse, recordSentiment, type InsightDeps } from './insights.service';

const BRIEF_RESOURCES: [string, BriefType][] = [['contacts', 'contact'], ['companies', 'company'], ['deals', 'deal']];
const SENTIMENT_RESOURCES: [string, string][] = [['contacts', 'contact'], ['companies', 'company'], ['deals', 'deal'], ['leads', 'lead']];
const readErrors = { 400: errors[400], 401: errors[401], 404: errors[404] };

export function insightRoutes(deps: InsightDeps) {
  const r = apiRouter();
  r.openapi(
    createRoute({ method: 'get', path: '/deals/{id}/insights', tags: ['Insights'], summary: 'Deal risk 0–100 with the factors that drive it, and next best actions (each a ready task body)', middleware: [allow('viewer')] as const, request: { params: IdParamSchema }, responses: { 200: json(z.object({ data: DealInsightsSchema }), 'Risk, factors and next actions'), ...readErrors } }),
    async (c) => c.json({ data: await dealInsights(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get', path: '/insights/deals-at-risk', tags: ['Insights'], summary: 'The open deals with the highest risk (the dashboard card)', middleware: [allow('viewer')] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(20).optional(), pipelineId: z.uuid().optional(), ownerId: z.string().optional() }) },
      responses: { 200: json(z.object({ data: DealsAtRiskSchema }), 'Riskiest first'), ...readErrors },
    }),
    async (c) => c.json({ data: await dealsAtRisk(serviceContext(c), c.req.valid('query')) }, 200),
  );
  for (const [resource, type] of BRIEF_RESOURCES) {
    r.openapi(
      createRoute({ method: 'get', path: `/${resource}/{id}/brief`, tags: ['Insights'], summary: `Brief on a ${type}: who/what, relationship history, open work, last touch, with citations (written by the organization's model when one is configured)`, middleware: [allow('viewer')] as const, request: { params: IdParamSchema }, responses: { 200: json(z.object({ data: BriefSchema }), 'The brief'), ...readErrors } }),
      async (c) => c.json({ data: await brief(serviceContext(c), type, c.req.valid('param').id, deps) }, 200),
    );
  }
  for (const [resource, type] of SENTIMENT_RESOURCES) {
    r.openapi(
      createRoute({ method: 'get', path: `/${resource}/{id}/sentiment`, tags: ['Insights'], summary: `Sentiment of a ${type}'s recent notes (AFINN lexicon, offline)`, middleware: [allow('viewer')] as const, request: { params: IdParamSchema }, responses: { 200: json(z.object({ data: RecordSentimentSchema }), 'Per note and overall'), ...readErrors } }),
      async (c) => c.json({ data: await recordSentiment(serviceContext(c), type, c.req.valid('param').id) }, 200),
    );
  }
  r.openapi(
    createRoute({ method: 'get', path: '/notes/{id}/sentiment', tags: ['Insights'], summary: 'Sentiment of one note (AFINN lexicon, offline)', middleware: [allow('viewer')] as const, request: { params: IdParamSchema }, responses: { 200: json(z.object({ data: SentimentSchema.extend({ id: z.string() }) }), 'The note\'s sentiment'), ...readErrors } }),
    async (c) => c.json({ data: await noteSentiment(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/ai/draft-email', tags: ['Insights'], summary: 'Draft an email about a record from its facts (a template offline; the organization\'s model when configured)', middleware: [allow('member')] as const, request: jsonBody(DraftEmailInputSchema, { relatedType: 'contact', relatedId: '00000000-0000-4000-8000-000000000000', purpose: 'the renewal', tone: 'friendly' }), responses: { 200: json(z.object({ data: DraftEmailSchema }), 'Subject, body and citations'), ...readErrors, 403: errors[403] } }),
    async (c) => c.json({ data: await draftEmail(serviceContext(c), c.req.valid('json'), deps) }, 200),
  );
  r.openapi(
    createRoute({ method: 'post', path: '/ai/insight-events', tags: ['Insights'], summary: 'Record that an AI insight was acted on (a next action made a task, a draft copied or opened): an activity on the record with actor assistant', middleware: [allow('member')] as const, request: jsonBody(InsightEventInputSchema), responses: { 201: json(z.object({ data: z.object({ id: z.string(), relatedType: z.string(), relatedId: z.string(), kind: z.string(), summary: z.string().nullable(), taskId: z.string().nullable() }) }), 'The activity recorded'), ...readErrors, 403: errors[403] } }),
    async (c) => c.json({ data: await recordInsightUse(serviceContext(c), c.req.valid('json')) }, 201),
  );
  return r;
}
