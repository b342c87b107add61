// A stdio MCP server built with the SDK (for MCP_STDIO_ENABLED tests): one read-only tool that says
// which environment variables it got, so tests can check Meridian's secrets do not reach it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'fake-stdio', version: '1.0.0' });
server.registerTool('list_files', { description: 'List files in a folder', inputSchema: { folder: z.string().optional() }, annotations: { readOnlyHint: true } }, async ({ folder }) => ({
  content: [{ type: 'text', text: JSON.stringify({ folder: folder ?? '/', files: ['proposal.docx'], sawAuthSecret: 'BETTER_AUTH_SECRET' in process.env }) }],
}));
server.registerTool('delete_file', { description: 'Delete a file', inputSchema: { name: z.string() } }, async ({ name }) => ({ content: [{ type: 'text', text: `deleted ${name}` }] }));
await server.connect(new StdioServerTransport());
