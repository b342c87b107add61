// Attachments on any record: the type is read from the bytes (not the name), the size is capped,
// executables are refused, and adding or removing one is on the record's timeline.
import { fileTypeFromBuffer } from 'file-type';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Attachment } from '../../../contracts/responses';
import { attachments } from '../../db/schema';
import { recordChange } from '../../lib/audit';
import type { ServiceContext } from '../../lib/context';
import { AppError, badRequest, formatBytes, notFound } from '../../lib/errors';
import { checkRelated } from '../../lib/related';
import { requireRole } from '../../lib/roles';
import type { Storage } from '../../lib/storage';

type Row = typeof attachments.$inferSelect;

const REFUSED = new Set(['application/x-msdownload', 'application/x-elf', 'application/x-mach-binary', 'application/x-executable', 'application/x-sharedlib', 'application/vnd.microsoft.portable-executable', 'application/x-ms-shortcut']);

/** What the bytes are: their magic number, else UTF-8 text, else opaque binary. */
export async function detectType(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024));
    return 'text/plain';
  } catch {
    return 'application/octet-stream';
  }
}

function present(r: Row): Attachment {
  return { id: r.id, relatedType: r.relatedType as Attachment['relatedType'], relatedId: r.relatedId, filename: r.filename, contentType: r.contentType, size: r.size, createdBy: r.createdBy, createdAt: r.createdAt.toISOString() };
}
export type { Attachment };

export function attachmentService(storage: Storage, maxBytes: number) {
  async function load(ctx: ServiceContext, id: string) {
    const [r] = await ctx.db.select().from(attachments).where(and(eq(attachments.id, id), eq(attachments.organizationId, ctx.orgId), isNull(attachments.deletedAt)));
    if (!r) throw notFound('Attachment');
    return r;
  }
  return {
    async upload(ctx: ServiceContext, input: { relatedType: string; relatedId: string; filename: string; bytes: Uint8Array }) {
      requireRole(ctx, 'member');
      if (input.bytes.byteLength > maxBytes) throw new AppError(413, 'payload_too_large', `Files are limited to ${formatBytes(maxBytes)}`);
      if (input.bytes.byteLength === 0) throw badRequest('The file is empty', [{ path: 'file', message: 'empty' }]);
      const contentType = await detectType(input.bytes);
      if (REFUSED.has(contentType)) throw badRequest('Programs cannot be attached', [{ path: 'file', message: `${contentType} is not allowed` }]);
      const filename = input.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 255) || 'file';
      const row = await ctx.db.transaction(async (tx) => {
        await checkRelated(tx, ctx, { relatedType: input.relatedType, relatedId: input.relatedId });
        const [r] = await tx
          .insert(attachments)
          .values({ organizationId: ctx.orgId, relatedType: input.relatedType, relatedId: input.relatedId, filename, contentType, size: input.bytes.byteLength, storageKey: 'pending', createdBy: ctx.actor.userId })
          .returning();
        const storageKey = `${ctx.orgId}/${r.id}`;
        // Written inside the transaction: if storing fails, the row is rolled back with it.
        await storage.put(storageKey, input.bytes, contentType);
        const [done] = await tx.update(attachments).set({ storageKey }).where(eq(attachments.id, r.id)).returning();
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: input.relatedType, entityId: input.relatedId, action: 'attachment_added', after: { attachmentId: r.id, filename, contentType, size: r.size } });
        return done;
      });
      return present(row);
    },

    async list(ctx: ServiceContext, relatedType: string, relatedId: string) {
      requireRole(ctx, 'viewer');
      const rows = await ctx.db
        .select()
        .from(attachments)
        .where(and(eq(attachments.organizationId, ctx.orgId), eq(attachments.relatedType, relatedType), eq(attachments.relatedId, relatedId), isNull(attachments.deletedAt)))
        .orderBy(desc(attachments.createdAt));
      return rows.map(present);
    },

    async get(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'viewer');
      return present(await load(ctx, id));
    },

    async download(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'viewer');
      const r = await load(ctx, id);
      return { attachment: present(r), bytes: await storage.get(r.storageKey) };
    },

    /** Soft delete: the bytes stay until the record is purged, so the change can be undone by support. */
    async remove(ctx: ServiceContext, id: string) {
      requireRole(ctx, 'member');
      await ctx.db.transaction(async (tx) => {
        const r = await load({ ...ctx, db: tx }, id);
        await tx.update(attachments).set({ deletedAt: new Date() }).where(eq(attachments.id, id));
        await recordChange(tx, ctx.orgId, ctx.actor, { entityType: r.relatedType, entityId: r.relatedId, action: 'attachment_removed', before: { attachmentId: id, filename: r.filename } });
      });
    },
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
