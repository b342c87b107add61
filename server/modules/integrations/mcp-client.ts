// Connections to the MCP servers an organization added (issue 13.1), through the official SDK client.
// Every request goes out through the outbound guard's fetch (lib/outbound.ts), so a server URL that
// resolves to an internal address is refused unless the operator allows it. One client per server is
// kept open (and replaced when the server's settings change) so the server can tell us its tools
// changed (notifications/tools/list_changed); every request has a timeout.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpToolRow } from '../../db/schema/mcp-servers';
import type { SecretBox } from '../../lib/crypto';
import type { OutboundGuard } from '../../lib/outbound';

export interface McpEndpoint {
  id: string;
  transport: string;
  url: string | null;
  /** stdio only: program and arguments, split on spaces (no shell). */
  command: string | null;
  authType: string;
  tokenEncrypted: string | null;
  /** A change of settings (updatedAt) opens a new connection. */
  version: string;
}

export interface DiscoveredTool {
  name: string;
  description: string | null;
  inputSchema: Record<string, unknown>;
  readOnly: boolean;
}

export interface McpCallResult {
  isError: boolean;
  /** structuredContent when the server gave it, else the text parts (JSON parsed when they are JSON). */
  value: unknown;
}

// The MCP SDK client is imported when first used, not at start-up (ARCHITECTURE: heavy dependencies).
const sdk = () => Promise.all([import('@modelcontextprotocol/sdk/client/index.js'), import('@modelcontextprotocol/sdk/client/streamableHttp.js')]);
const stdioSdk = () => import('@modelcontextprotocol/sdk/client/stdio.js');

/** A person-readable reason for a failed connection or call (no stack, no token). */
export function mcpErrorMessage(err: unknown): string {
  const e = err as { message?: string; cause?: { code?: string; message?: string }; code?: number };
  const cause = e?.cause?.code ?? e?.cause?.message;
  const msg = (e?.message ?? String(err)).replace(/Bearer\s+\S+/gi, 'Bearer …');
  if (/timed out|timeout/i.test(msg)) return 'The server did not answer in time';
  if (cause === 'ECONNREFUSED') return 'Could not connect (connection refused): is the server running?';
  if (cause) return `Could not connect (${cause})`;
  return msg.slice(0, 500);
}

export function toDiscovered(tools: { name: string; description?: string; inputSchema: Record<string, unknown>; annotations?: { readOnlyHint?: boolean } }[]): DiscoveredTool[] {
  return tools.map((t) => ({ name: t.name, description: t.description ?? null, inputSchema: t.inputSchema ?? { type: 'object' }, readOnly: t.annotations?.readOnlyHint === true }));
}

/** The new listing with each known tool's switches kept; new tools: enabled, approval unless read-only. */
export function mergeTools(before: McpToolRow[], found: DiscoveredTool[]): McpToolRow[] {
  const known = new Map(before.map((t) => [t.name, t]));
  return found.map((t) => {
    const old = known.get(t.name);
    return { ...t, enabled: old?.enabled ?? true, needsApproval: old ? old.needsApproval : !t.readOnly };
  });
}

export interface McpClientsOptions {
  box: SecretBox;
  outbound: OutboundGuard;
  timeoutMs: number;
  /** stdio servers (a local command) may run: the operator's MCP_STDIO_ENABLED. */
  stdioEnabled: boolean;
  /** Called with a fresh listing when a server says its tools changed. */
  onToolsChanged: (serverId: string, tools: DiscoveredTool[]) => Promise<void>;
}

export function mcpClients(opts: McpClientsOptions) {
  const open = new Map<string, { version: string; client: Promise<Client> }>();

  async function connect(s: McpEndpoint): Promise<Client> {
    const [{ Client }, { StreamableHTTPClientTransport }] = await sdk();
    const client = new Client(
      { name: 'meridian-crm', version: '1.0.0' },
      {
        listChanged: {
          tools: {
            onChanged: (err, tools) => {
              if (!err && tools) void opts.onToolsChanged(s.id, toDiscovered(tools as never)).catch(() => {});
            },
          },
        },
      },
    );
    let transport;
    if (s.transport === 'stdio') {
      if (!opts.stdioEnabled) throw new Error('stdio MCP servers are switched off on this server (MCP_STDIO_ENABLED)');
      const [program, ...args] = (s.command ?? '').trim().split(/\s+/);
      if (!program) throw new Error('This server has no command');
      const { StdioClientTransport } = await stdioSdk();
      // The SDK's default environment (PATH, HOME, …): none of Meridian's own secrets reach the command.
      transport = new StdioClientTransport({ command: program, args, stderr: 'ignore' });
    } else {
      if (!s.url) throw new Error('This server has no URL');
      const headers: Record<string, string> = {};
      if (s.authType === 'bearer' && s.tokenEncrypted) headers.authorization = `Bearer ${opts.box.decrypt(s.tokenEncrypted)}`;
      transport = new StreamableHTTPClientTransport(new URL(s.url), { fetch: opts.outbound.fetch, requestInit: { headers } });
    }
    await client.connect(transport, { timeout: opts.timeoutMs });
    // The server ended the session: the next use connects afresh.
    client.onclose = () => {
      if (open.get(s.id)?.version === s.version) open.delete(s.id);
    };
    return client;
  }

  async function clientFor(s: McpEndpoint): Promise<Client> {
    const cached = open.get(s.id);
    if (cached && cached.version === s.version) return cached.client;
    if (cached) void drop(s.id, cached.client);
    const client = connect(s);
    open.set(s.id, { version: s.version, client });
    client.catch(() => {
      if (open.get(s.id)?.client === client) open.delete(s.id);
    });
    return client;
  }

  async function drop(id: string, client?: Promise<Client>) {
    const entry = open.get(id);
    const target = client ?? entry?.client;
    if (entry && entry.client === target) open.delete(id);
    await target?.then((c) => c.close()).catch(() => {});
  }

  /** Runs fn on an open client; a failure closes it, so the next use connects afresh. */
  async function withClient<T>(s: McpEndpoint, fn: (c: Client) => Promise<T>): Promise<T> {
    const client = clientFor(s);
    try {
      return await fn(await client);
    } catch (err) {
      await drop(s.id, client);
      throw err;
    }
  }

  return {
    async discover(s: McpEndpoint): Promise<DiscoveredTool[]> {
      return withClient(s, async (c) => {
        const tools: DiscoveredTool[] = [];
        let cursor: string | undefined;
        do {
          const page = await c.listTools(cursor ? { cursor } : undefined, { timeout: opts.timeoutMs });
          tools.push(...toDiscovered(page.tools as never));
          cursor = page.nextCursor;
        } while (cursor && tools.length < 500);
        return tools;
      });
    },

    async call(s: McpEndpoint, name: string, args: Record<string, unknown>): Promise<McpCallResult> {
      const result = await withClient(s, (c) => c.callTool({ name, arguments: args }, undefined, { timeout: opts.timeoutMs }));
      const r = result as { isError?: boolean; structuredContent?: unknown; content?: { type: string; text?: string }[] };
      const texts = (r.content ?? []).filter((p) => p.type === 'text').map((p) => {
        try {
          return JSON.parse(p.text ?? '');
        } catch {
          return p.text;
        }
      });
      return { isError: r.isError === true, value: r.structuredContent ?? (texts.length === 1 ? texts[0] : texts) };
    },

    /** Closes a server's connection (its settings changed or it was deleted). */
    forget: (id: string) => drop(id),
    async close() {
      await Promise.all([...open.keys()].map((id) => drop(id)));
    },
  };
}

export type McpClients = ReturnType<typeof mcpClients>;
