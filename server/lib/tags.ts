// Tags are org-wide and colored; records keep their names. A name used on a record for the first
// time becomes a tag (default color), so tagging never needs a separate step.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { tags } from '../db/schema';

/**
 * Makes sure every name is a tag and returns the names as the tags spell them: "partner" on a
 * record becomes "Partner" when that tag exists, so renames and deletes reach every record.
 */
export async function ensureTags(tx: Tx, orgId: string, names: unknown): Promise<string[] | undefined> {
  if (!Array.isArray(names)) return undefined;
  if (names.length === 0) return [];
  const unique = [...new Map((names as string[]).map((n) => [n.toLowerCase(), n])).values()];
  await tx
    .insert(tags)
    .values(unique.map((name) => ({ organizationId: orgId, name })))
    .onConflictDoNothing();
  const rows = await tx
    .select({ name: tags.name })
    .from(tags)
    .where(and(eq(tags.organizationId, orgId), inArray(sql`lower(${tags.name})`, unique.map((n) => n.toLowerCase()))));
  const canonical = new Map(rows.map((r) => [r.name.toLowerCase(), r.name]));
  return unique.map((n) => canonical.get(n.toLowerCase()) ?? n);
}
