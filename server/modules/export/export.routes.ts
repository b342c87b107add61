import { createRoute, z } from '@hono/zod-openapi';
import { ListQuerySchema } from '../../../contracts/common';
import { errorResponses as errors } from '../../lib/openapi';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { servicesWith } from '../registry';
import { exportList } from './export.service';

const ExportQuerySchema = ListQuerySchema.omit({ limit: true, offset: true, cursor: true }).extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** Mounted before the generic routes, so "export" is not taken for an id. */
export function exportRoutes() {
  const r = apiRouter();
  for (const service of servicesWith('export')) {
    r.openapi(
      createRoute({
        method: 'get', path: `/${service.def.resource}/export`, tags: ['Export'], summary: `Download ${service.def.resource} matching the list filters as CSV or XLSX`, middleware: [allow('viewer')] as const,
        request: { query: ExportQuerySchema },
        responses: { 200: { description: 'The file (Content-Disposition: attachment)' }, 400: errors[400], 401: errors[401] },
      }),
      async (c) => {
        const { format, ...query } = c.req.valid('query');
        const file = await exportList(serviceContext(c), service, format, query);
        return c.body(new Uint8Array(file.body), 200, {
          'Content-Type': file.contentType,
          'Content-Disposition': `attachment; filename="${file.filename}"`,
          'X-Content-Type-Options': 'nosniff',
          'X-Row-Count': String(file.rows),
        });
      },
    );
  }
  return r;
}
