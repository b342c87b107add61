// MCP server at /mcp (Streamable HTTP, stateless: a server per request). It exposes the same tool
// registry as the in-app assistant, acting as the API key's user, in its organization, with its
// role. Destructive tools park an approval the user confirms in Meridian, as in the chat.
import type { Context } from 'hono';
import { requestApproval } from '../assistant/approvals';
import { toolRegistry } from '../assistant/tools';
import type { ServiceContext } from '../lib/context';
import { toAppError } from '../lib/errors';
import type { AppEnv } from '../lib/http';
import { hasRole } from '../lib/roles';

// The MCP SDK is imported at the first /mcp request, not at start-up (it costs the start ~0.3 s).
const sdk = () => Promise.all([import('@modelcontextprotocol/sdk/server/mcp.js'), import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js')]);

function buildServer({ McpServer }: Awaited<ReturnType<typeof sdk>>[0], ctx: ServiceContext) {
  const server = new McpServer({ name: 'meridian-crm', version: '1.0.0' });
  for (const spec of toolRegistry) {
    server.registerTool(
      spec.name,
      {
        description: spec.description + (spec.destructive ? ' Creates a request the user must approve in Meridian.' : ''),
        inputSchema: spec.input,
        annotations: { readOnlyHint: spec.role === 'viewer', destructiveHint: spec.destructive },
      },
      async (args: Record<string, unknown>) => {
        if (!hasRole(ctx.role, spec.role)) {
          return { isError: true, content: [{ type: 'text' as const, text: `Refused: your role (${ctx.role}) cannot use ${spec.name}; it needs ${spec.role} or above.` }] };
        }
        try {
          if (spec.destructive) {
            const approval = await requestApproval(ctx, spec, args, { source: 'mcp' });
            return { content: [{ type: 'text' as const, text: JSON.stringify({ status: 'pending_approval', approvalId: approval.id, summary: approval.summary, message: 'Approve or reject it in Meridian (Assistant → approvals).' }) }] };
          }
          const result = await spec.execute(ctx, args);
          return { content: [{ type: 'text' as const, text: JSON.stringify(result) }], structuredContent: { result } };
        } catch (err) {
          const e = toAppError(err);
          return { isError: true, content: [{ type: 'text' as const, text: `${e.message}${e.details ? ` ${JSON.stringify(e.details)}` : ''}` }] };
        }
      },
    );
  }
  return server;
}

export async function handleMcp(c: Context<AppEnv>) {
  const [mcp, { WebStandardStreamableHTTPServerTransport }] = await sdk();
  const server = buildServer(mcp, c.get('ctx'));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  return transport.handleRequest(c.req.raw);
}
