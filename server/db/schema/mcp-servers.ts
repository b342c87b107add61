// MCP servers an organization connects (issue 13.1): the assistant calls their tools, namespaced
// `<name>__<tool>`. A bearer token is sealed with the server's secret box; the discovered tools are
// kept as the last successful listing, each with its own enabled / needsApproval switches.
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';
import { ts } from './columns';

export interface McpToolRow {
  name: string;
  description: string | null;
  inputSchema: Record<string, unknown>;
  readOnly: boolean;
  enabled: boolean;
  needsApproval: boolean;
}

export const mcpServers = pgTable(
  'mcp_servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull().references(() => organization.id, { onDelete: 'cascade' }),
    /** Slug (a-z, 0-9, _): the tools' namespace, `m365` → `m365__list_mail`. */
    name: text('name').notNull(),
    /** http = Streamable HTTP at `url`; stdio only when the operator enables it (MCP_STDIO_ENABLED). */
    transport: text('transport').notNull().default('http'),
    url: text('url'),
    /** stdio: the command line (program and arguments, split on spaces; no shell). */
    command: text('command'),
    /** none | bearer */
    authType: text('auth_type').notNull().default('none'),
    tokenEncrypted: text('token_encrypted'),
    enabled: boolean('enabled').notNull().default(true),
    tools: jsonb('tools').$type<McpToolRow[]>().notNull().default([]),
    lastError: text('last_error'),
    lastDiscoveredAt: ts('last_discovered_at'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('mcp_servers_org_idx').on(t.organizationId), uniqueIndex('mcp_servers_org_name_uq').on(t.organizationId, t.name)],
);
