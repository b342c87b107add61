// A real MCP server built with the official SDK (McpServer + Streamable HTTP, stateful sessions so it
// can push notifications/tools/list_changed), on 127.0.0.1, exposing Outlook-, Calendar- and
// Drive-like tools. Stands in for a Microsoft 365 / Google Workspace MCP server in tests.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface FakeMcp {
  url: string;
  host: string;
  /** Authorization headers seen, in order. */
  authorizations: (string | undefined)[];
  /** Mails "sent" through send_mail. */
  sent: { to: string; subject: string }[];
  /** Adds a tool on every open session (the SDK sends tools/list_changed) and for new ones. */
  addTool: (name: string, description: string) => void;
  close: () => Promise<void>;
}

type Register = (s: McpServer) => void;

export const FAKE_MAIL = [{ id: 'm1', from: 'ada@example.com', subject: 'Quarterly review', received: '2026-12-01T09:00:00Z' }];

export async function startFakeMcp(opts: { token?: string } = {}): Promise<FakeMcp> {
  const sent: FakeMcp['sent'] = [];
  const authorizations: FakeMcp['authorizations'] = [];
  const extra: Register[] = [];
  const sessions = new Map<string, { server: McpServer; transport: StreamableHTTPServerTransport }>();

  const base: Register = (s) => {
    s.registerTool('list_mail', { description: 'List recent mail in the inbox', inputSchema: { top: z.number().int().min(1).max(50).optional() }, annotations: { readOnlyHint: true } }, async () => ({
      content: [{ type: 'text', text: JSON.stringify({ messages: FAKE_MAIL }) }],
      structuredContent: { messages: FAKE_MAIL },
    }));
    s.registerTool('send_mail', { description: 'Send an email', inputSchema: { to: z.string(), subject: z.string(), body: z.string().optional() }, annotations: { readOnlyHint: false, destructiveHint: false } }, async ({ to, subject }) => {
      sent.push({ to, subject });
      return { content: [{ type: 'text', text: `Sent "${subject}" to ${to}` }] };
    });
    s.registerTool('list_events', { description: 'List calendar events between two dates', inputSchema: { from: z.string().optional(), to: z.string().optional() }, annotations: { readOnlyHint: true } }, async () => ({
      content: [{ type: 'text', text: JSON.stringify({ events: [{ subject: 'Standup', start: '2026-12-02T09:00:00Z' }] }) }],
    }));
    s.registerTool('search_files', { description: 'Search files in the drive', inputSchema: { query: z.string() }, annotations: { readOnlyHint: true } }, async ({ query }) => ({
      content: [{ type: 'text', text: JSON.stringify({ files: [{ name: `${query} proposal.docx`, url: 'https://drive.example/1' }] }) }],
    }));
  };

  const http = createServer(async (req: IncomingMessage, res) => {
    authorizations.push(req.headers.authorization);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const sid = req.headers['mcp-session-id'] as string | undefined;
    let session = sid ? sessions.get(sid) : undefined;
    if (!session) {
      if (sid) {
        res.writeHead(404).end();
        return;
      }
      const server = new McpServer({ name: 'fake-m365', version: '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
      base(server);
      for (const r of extra) r(server);
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, { server, transport }),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      session = { server, transport };
    }
    await session.transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    host: `127.0.0.1:${port}`,
    authorizations,
    sent,
    addTool(name, description) {
      const r: Register = (s) => s.registerTool(name, { description, inputSchema: {}, annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: 'text', text: `${name} ran` }] }));
      extra.push(r);
      for (const { server } of sessions.values()) r(server);
    },
    close: async () => {
      for (const { transport } of sessions.values()) await transport.close().catch(() => {});
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
