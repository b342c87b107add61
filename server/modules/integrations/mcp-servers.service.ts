// MCP servers an organization connects (issue 13.1). Admins add, change and remove them; members may
// list them (the assistant uses them for everyone). A URL is checked by the outbound guard when saved;
// a bearer token is sealed and never returned. Discovery failing never fails the save: the record keeps
// its last listing and says why in lastError.
import { and, asc, eq } from 'drizzle-orm';
import { McpServerInputSchema, McpServerUpdateSchema, McpToolUpdateSchema, type McpServer } from '../../../contracts/mcp-servers';
import type { Db } from '../../db/client';
import { mcpServers, type McpToolRow } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import type { SecretBox } from '../../lib/crypto';
import { AppError, fieldError, notFound, parseInput, registerUniqueMessage } from '../../lib/errors';
import type { OutboundGuard } from '../../lib/outbound';
import { requireRole } from '../../lib/roles';
import { mcpClients, mcpErrorMessage, mergeTools, type McpEndpoint } from './mcp-client';

type Row = typeof mcpServers.$inferSelect;

/** `<server>__<tool>`: what provider models see. */
export const SEPARATOR = '__';
export const qualified = (server: string, tool: string) => `${server}${SEPARATOR}${tool}`;

registerUniqueMessage('mcp_servers_org_name_uq', { path: 'name', message: 'another MCP server already has this name' });

export function presentMcpServer(r: Row): McpServer {
  return {
    id: r.id,
    name: r.name,
    transport: r.transport as McpServer['transport'],
    url: r.url,
    command: r.command,
    auth: r.authType as McpServer['auth'],
    hasToken: Boolean(r.tokenEncrypted),
    enabled: r.enabled,
    tools: r.tools.map((t) => ({ ...t, qualifiedName: qualified(r.name, t.name) })),
    lastError: r.lastError,
    lastDiscoveredAt: r.lastDiscoveredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const endpoint = (r: Row): McpEndpoint => ({ id: r.id, transport: r.transport, command: r.command, url: r.url, authType: r.authType, tokenEncrypted: r.tokenEncrypted, version: r.updatedAt.toISOString() });

export interface McpServiceOptions {
  db: Db;
  box: SecretBox;
  outbound: OutboundGuard;
  timeoutMs: number;
  stdioEnabled: boolean;
}

export function mcpServerService(opts: McpServiceOptions) {
  const clients = mcpClients({
    box: opts.box,
    outbound: opts.outbound,
    timeoutMs: opts.timeoutMs,
    stdioEnabled: opts.stdioEnabled,
    // notifications/tools/list_changed from an open connection: store the new listing.
    onToolsChanged: async (id, found) => {
      const [row] = await opts.db.select().from(mcpServers).where(eq(mcpServers.id, id));
      if (!row) return;
      await opts.db.update(mcpServers).set({ tools: mergeTools(row.tools, found), lastError: null, lastDiscoveredAt: new Date() }).where(eq(mcpServers.id, id));
    },
  });

  async function load(ctx: ServiceContext, id: string): Promise<Row> {
    const [row] = await ctx.db.select().from(mcpServers).where(and(eq(mcpServers.organizationId, ctx.orgId), eq(mcpServers.id, id)));
    if (!row) throw notFound('MCP server');
    return row;
  }

  /** Lists the server's tools and stores them; a failure is stored as lastError (the old listing stays). */
  async function discover(db: Db, row: Row): Promise<Row> {
    if (row.transport === 'stdio' && !opts.stdioEnabled) return row;
    let set: Partial<Row>;
    try {
      const found = await clients.discover(endpoint(row));
      set = { tools: mergeTools(row.tools, found), lastError: null, lastDiscoveredAt: new Date() };
    } catch (err) {
      set = { lastError: mcpErrorMessage(err) };
    }
    const [updated] = await db.update(mcpServers).set(set).where(eq(mcpServers.id, row.id)).returning();
    return updated ?? row;
  }

  function refuseStdio(): never {
    throw new AppError(400, 'stdio_disabled', 'stdio MCP servers run a command on the Meridian server, so they are off unless the operator sets MCP_STDIO_ENABLED=true; use a Streamable HTTP URL', [{ path: 'transport', message: 'stdio is not enabled on this server' }]);
  }

  const audited = (ctx: ServiceContext, r: Row, action: string, extra: Record<string, unknown> = {}) =>
    ctx.db.transaction((tx) => recordChange(tx, ctx.orgId, ctx.actor, { entityType: 'mcp_server', entityId: r.id, action, after: { name: r.name, url: r.url, enabled: r.enabled, ...extra } }));

  return {
    clients,

    async list(ctx: ServiceContext) {
      requireRole(ctx, 'member');
      const rows = await ctx.db.select().from(mcpServers).where(eq(mcpServers.organizationId, ctx.orgId)).orderBy(asc(mcpServers.name));
      return rows.map(presentMcpServer);
    },

    async get(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'member');
      return presentMcpServer(await load(ctx, id));
    },

    async create(ctx: ServiceContext, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(McpServerInputSchema, input);
      if (i.transport === 'stdio' || (i.command && !i.url)) {
        if (!opts.stdioEnabled) refuseStdio();
        if (!i.command) throw fieldError('command', 'is required for a stdio server: the program and its arguments, like "npx -y some-mcp-server"');
        if (i.url) throw fieldError('url', 'is not used by a stdio server');
        if (i.auth === 'bearer' || i.token) throw fieldError('auth', 'stdio servers take no token here; give the command its own configuration');
        const [row] = await ctx.db
          .insert(mcpServers)
          .values({ organizationId: ctx.orgId, name: i.name, transport: 'stdio', command: i.command, authType: 'none', enabled: i.enabled ?? true, createdBy: ctx.actor.userId })
          .returning();
        await audited(ctx, row, 'created', { command: i.command });
        return presentMcpServer(await discover(ctx.db, row));
      }
      if (i.command) throw fieldError('command', 'is only for stdio servers');
      if (!i.url) throw fieldError('url', 'is required: the server\'s Streamable HTTP URL, like https://mcp.example.com/mcp');
      const auth = i.auth ?? (i.token ? 'bearer' : 'none');
      if (auth === 'bearer' && !i.token) throw fieldError('token', 'is required for bearer authentication');
      await opts.outbound.assertField(i.url, 'url');
      const [row] = await ctx.db
        .insert(mcpServers)
        .values({ organizationId: ctx.orgId, name: i.name, transport: 'http', url: i.url, authType: auth, tokenEncrypted: auth === 'bearer' ? opts.box.encrypt(i.token!) : null, enabled: i.enabled ?? true, createdBy: ctx.actor.userId })
        .returning();
      await audited(ctx, row, 'created');
      return presentMcpServer(await discover(ctx.db, row));
    },

    async update(ctx: ServiceContext, id: string, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(McpServerUpdateSchema, input);
      const before = await load(ctx, id);
      if (before.transport === 'stdio' && (i.url !== undefined || i.token !== undefined || i.auth === 'bearer')) throw fieldError(i.url !== undefined ? 'url' : 'token', 'is not used by a stdio server');
      if (i.url !== undefined) await opts.outbound.assertField(i.url, 'url');
      const set: Partial<Row> = { updatedAt: new Date() };
      if (i.url !== undefined) set.url = i.url;
      if (i.enabled !== undefined) set.enabled = i.enabled;
      if (i.token !== undefined) Object.assign(set, { tokenEncrypted: opts.box.encrypt(i.token), authType: 'bearer' });
      if (i.auth === 'none') Object.assign(set, { authType: 'none', tokenEncrypted: null });
      else if (i.auth === 'bearer' && !i.token && !before.tokenEncrypted) throw fieldError('token', 'is required for bearer authentication');
      const [row] = await ctx.db.update(mcpServers).set(set).where(and(eq(mcpServers.organizationId, ctx.orgId), eq(mcpServers.id, id))).returning();
      await audited(ctx, row, 'updated');
      const reconnect = i.url !== undefined || i.token !== undefined || i.auth !== undefined || (i.enabled === true && !before.enabled);
      if (reconnect || !row.enabled) await clients.forget(id);
      return presentMcpServer(reconnect && row.enabled ? await discover(ctx.db, row) : row);
    },

    async remove(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      const row = await load(ctx, id);
      await ctx.db.delete(mcpServers).where(and(eq(mcpServers.organizationId, ctx.orgId), eq(mcpServers.id, id)));
      await audited(ctx, row, 'deleted');
      await clients.forget(id);
    },

    async refresh(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'admin');
      return presentMcpServer(await discover(ctx.db, await load(ctx, id)));
    },

    async updateTool(ctx: ServiceContext, id: string, tool: string, input: unknown) {
      requireRole(ctx, 'admin');
      const i = parseInput(McpToolUpdateSchema, input);
      const row = await load(ctx, id);
      if (!row.tools.some((t) => t.name === tool)) throw notFound('Tool');
      const tools: McpToolRow[] = row.tools.map((t) => (t.name === tool ? { ...t, ...(i.enabled !== undefined ? { enabled: i.enabled } : {}), ...(i.needsApproval !== undefined ? { needsApproval: i.needsApproval } : {}) } : t));
      const [updated] = await ctx.db.update(mcpServers).set({ tools }).where(eq(mcpServers.id, id)).returning();
      await audited(ctx, updated, 'tool_updated', { tool, ...i });
      return presentMcpServer(updated);
    },

    /** The enabled servers of the organization with their enabled tools (what the assistant offers). */
    async connected(ctx: ServiceContext): Promise<{ row: Row; tools: McpToolRow[] }[]> {
      const rows = await ctx.db.select().from(mcpServers).where(and(eq(mcpServers.organizationId, ctx.orgId), eq(mcpServers.enabled, true))).orderBy(asc(mcpServers.name));
      return rows.map((row) => ({ row, tools: row.tools.filter((t) => t.enabled) })).filter((s) => s.tools.length > 0);
    },

    /**
     * Calls one tool. A failure is stored as the server's lastError; a tool the server no longer knows
     * makes us list its tools again. Throws AppError with a message for the model and the person.
     */
    async call(ctx: ServiceContext, serverId: string, tool: string, args: Record<string, unknown>): Promise<unknown> {
      const row = await load(ctx, serverId);
      if (!row.enabled) throw new AppError(409, 'mcp_server_disabled', `The MCP server ${row.name} is switched off`);
      let result;
      try {
        result = await clients.call(endpoint(row), tool, args);
      } catch (err) {
        const message = mcpErrorMessage(err);
        await ctx.db.update(mcpServers).set({ lastError: message }).where(eq(mcpServers.id, row.id));
        if (/unknown tool|not found/i.test(message)) await discover(ctx.db, row);
        throw new AppError(502, 'mcp_call_failed', `The tool ${qualified(row.name, tool)} failed: ${message}`);
      }
      if (result.isError) {
        const text = typeof result.value === 'string' ? result.value : JSON.stringify(result.value);
        if (/unknown tool|not found/i.test(text)) await discover(ctx.db, row);
        throw new AppError(502, 'mcp_tool_error', `The tool ${qualified(row.name, tool)} answered with an error: ${text.slice(0, 1000)}`);
      }
      return result.value;
    },
  };
}

export type McpServerService = ReturnType<typeof mcpServerService>;
