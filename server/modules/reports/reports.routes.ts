import { createRoute, z } from '@hono/zod-openapi';
import { DealAgingReportSchema, ForecastReportSchema, PipelineReportSchema, WinLossReportSchema } from '../../../contracts/reports';
import { errorResponses as errors, jsonResponse as json } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { ReportQuerySchema, reportService } from './reports.service';

const reports = [
  ['pipeline', 'Per stage: count, amount, weighted amount', reportService.pipeline, PipelineReportSchema],
  ['forecast', 'Weighted and best-case amount by expected close month', reportService.forecast, ForecastReportSchema],
  ['win-loss', 'Won/lost counts and amounts, win rate, lost reasons, average sales cycle', reportService.winLoss, WinLossReportSchema],
  ['deal-aging', 'Days in current stage per open deal; stale ones', reportService.dealAging, DealAgingReportSchema],
] as const;

export function reportRoutes() {
  const r = apiRouter();
  for (const [path, summary, run, schema] of reports) {
    r.openapi(
      createRoute({ method: 'get', path: `/reports/${path}`, tags: ['Reports'], summary, middleware: [allow('viewer')] as const, request: { query: ReportQuerySchema }, responses: { 200: json(z.object({ data: schema as z.ZodType }), summary), 400: errors[400], 401: errors[401], 404: errors[404] } }),
      async (c) => c.json({ data: await run(serviceContext(c), c.req.valid('query')) }, 200),
    );
  }
  return r;
}
