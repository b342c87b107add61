// Tags are org-wide and colored; records keep their names. A name used on a record for the first
// time becomes a tag (default color), so tagging never needs a separate step — and, like any other
// write, a tag made this way leaves its activity and outbox event (`tag.created`).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { tags } from '../db/schema';
import { recordChanges } from './audit';
import type { ServiceContext } from './context';

/**
 * Makes sure every name is a tag and returns the names as the tags spell them: "partner" on a
 * record becomes "Partner" when that tag exists, so renames and deletes reach every record.
 */
export async function ensureTags(tx: Tx, ctx: ServiceContext, names: unknown): Promise<string[] | undefined> {
  if (!Array.isArray(names)) return undefined;
  if (names.length === 0) return [];
  const unique = [...new Map((names as string[]).map((n) => [n.toLowerCase(), n])).values()];
  const made = await tx
    .insert(tags)
    .values(unique.map((name) => ({ organizationId: ctx.orgId, name })))
    .onConflictDoNothing()
    .returning({ id: tags.id, name: tags.name, color: tags.color });
  await recordChanges(tx, ctx.orgId, ctx.actor, made.map((t) => ({ entityType: 'tag', entityId: t.id, action: 'created', after: { name: t.name, color: t.color } })));
  const rows = await tx
    .select({ name: tags.name })
    .from(tags)
    .where(and(eq(tags.organizationId, ctx.orgId), inArray(sql`lower(${tags.name})`, unique.map((n) => n.toLowerCase()))));
  const canonical = new Map(rows.map((r) => [r.name.toLowerCase(), r.name]));
  return unique.map((n) => canonical.get(n.toLowerCase()) ?? n);
}
