// MCP servers the assistant may use (issue 13.1): Settings → Integrations → MCP servers.
import { z } from 'zod';
import { httpUrl } from './common';

/** The namespace of a server's tools (`m365` → `m365__list_mail`): lower-case letters, digits, `_`. */
export const McpServerNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,29}$/, 'must be 1–30 lower-case letters, digits or _ and start with a letter, like m365 or google')
  .refine((s) => !s.includes('__'), 'must not contain a double underscore (it separates the server from the tool)');

export const McpServerInputSchema = z.strictObject({
  name: McpServerNameSchema,
  /** http: Streamable HTTP at url. stdio (a local command) is refused unless MCP_STDIO_ENABLED=true. */
  transport: z.enum(['http', 'stdio']).optional(),
  url: httpUrl('must be an http(s) URL like https://mcp.example.com/mcp').optional(),
  command: z.string().trim().min(1).max(500).optional(),
  auth: z.enum(['none', 'bearer']).optional(),
  /** The bearer token (write only; answers say hasToken). */
  token: z.string().trim().min(1).max(4000).optional(),
  enabled: z.boolean().optional(),
});
export const McpServerUpdateSchema = z.strictObject({
  url: httpUrl('must be an http(s) URL like https://mcp.example.com/mcp').optional(),
  auth: z.enum(['none', 'bearer']).optional(),
  token: z.string().trim().min(1).max(4000).optional(),
  enabled: z.boolean().optional(),
});

export const McpToolSchema = z.object({
  name: z.string(),
  /** What the assistant's models see: `<server>__<tool>`. */
  qualifiedName: z.string(),
  description: z.string().nullable(),
  inputSchema: z.record(z.string(), z.unknown()),
  /** The server's readOnlyHint annotation. */
  readOnly: z.boolean(),
  enabled: z.boolean(),
  needsApproval: z.boolean(),
});
export type McpTool = z.infer<typeof McpToolSchema>;

export const McpToolUpdateSchema = z.strictObject({
  enabled: z.boolean().optional(),
  needsApproval: z.boolean().optional(),
});

export const McpServerSchema = z.object({
  id: z.string(),
  name: z.string(),
  transport: z.enum(['http', 'stdio']),
  url: z.string().nullable(),
  /** stdio servers: the command line Meridian runs. */
  command: z.string().nullable(),
  auth: z.enum(['none', 'bearer']),
  hasToken: z.boolean(),
  enabled: z.boolean(),
  tools: z.array(McpToolSchema),
  /** Why the last discovery or call failed (null when the last discovery worked). */
  lastError: z.string().nullable(),
  lastDiscoveredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type McpServer = z.infer<typeof McpServerSchema>;
