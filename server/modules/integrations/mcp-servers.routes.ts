// /integrations/mcp-servers: the MCP servers the assistant uses (members list, admins change).
import { createRoute, z } from '@hono/zod-openapi';
import { McpServerInputSchema, McpServerSchema, McpServerUpdateSchema, McpToolUpdateSchema } from '../../../contracts/mcp-servers';
import { allow, apiRouter, serviceContext } from '../../lib/http';
import { errorResponses as errors, jsonBody as body, jsonResponse as json } from '../../lib/openapi';
import type { McpServerService } from './mcp-servers.service';

const tags = ['Integrations'];
const Id = z.object({ id: z.uuid() });
const path = '/integrations/mcp-servers';
const one = (d: string) => json(z.object({ data: McpServerSchema }), d);

export function mcpServerRoutes(service: McpServerService) {
  const r = apiRouter();
  r.openapi(
    createRoute({ method: 'get', path, tags, summary: 'List the MCP servers the assistant may use', middleware: [allow('member')] as const, responses: { 200: json(z.object({ data: z.array(McpServerSchema) }), 'MCP servers of this organization'), 401: errors[401], 403: errors[403] } }),
    async (c) => c.json({ data: await service.list(serviceContext(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post', path, tags, summary: 'Add an MCP server (its tools are discovered at once; a server that is down is saved with lastError)', middleware: [allow('admin')] as const,
      request: body(McpServerInputSchema, { name: 'm365', url: 'https://mcp.example.com/mcp', auth: 'bearer', token: 'secret-token' }),
      responses: { 201: one('Added'), 400: errors[400], 401: errors[401], 403: errors[403], 409: errors[409] },
    }),
    async (c) => c.json({ data: await service.create(serviceContext(c), c.req.valid('json')) }, 201),
  );
  r.openapi(
    createRoute({ method: 'get', path: `${path}/{id}`, tags, summary: 'One MCP server with its tools', middleware: [allow('member')] as const, request: { params: Id }, responses: { 200: one('The server'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.get(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'patch', path: `${path}/{id}`, tags, summary: 'Change an MCP server (a new URL or token reconnects and rediscovers)', middleware: [allow('admin')] as const,
      request: { params: Id, ...body(McpServerUpdateSchema) },
      responses: { 200: one('Updated'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => c.json({ data: await service.update(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  r.openapi(
    createRoute({ method: 'delete', path: `${path}/{id}`, tags, summary: 'Remove an MCP server', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 204: { description: 'Removed' }, 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => {
      await service.remove(serviceContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({ method: 'post', path: `${path}/{id}/refresh`, tags, summary: 'Discover the server\'s tools again (a failure is kept as lastError)', middleware: [allow('admin')] as const, request: { params: Id }, responses: { 200: one('The server with its tools'), 401: errors[401], 403: errors[403], 404: errors[404] } }),
    async (c) => c.json({ data: await service.refresh(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'patch', path: `${path}/{id}/tools/{tool}`, tags, summary: 'Switch a tool on or off, or whether it waits for approval', middleware: [allow('admin')] as const,
      request: { params: z.object({ id: z.uuid(), tool: z.string().min(1).max(200) }), ...body(McpToolUpdateSchema, { needsApproval: true }) },
      responses: { 200: one('The server with its tools'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const { id, tool } = c.req.valid('param');
      return c.json({ data: await service.updateTool(serviceContext(c), id, tool, c.req.valid('json')) }, 200);
    },
  );
  return r;
}
