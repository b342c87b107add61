// Feedback: anyone in the organization sends it (with an optional screenshot, checked to be an
// image from its bytes); owners and admins list it and are emailed each one when SMTP is set up.
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { and, desc, eq } from 'drizzle-orm';
import { FeedbackInputSchema, SCREENSHOT_MAX_BYTES, SCREENSHOT_TYPES, type Feedback } from '../../../contracts/feedback';
import { feedback, organization, user } from '../../db/schema';
import type { ServiceContext } from '../../lib/context';
import { fieldError, formatBytes, notFound, parseInput } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Mailer } from '../../lib/mailer';
import { requireRole } from '../../lib/roles';
import type { Storage } from '../../lib/storage';
import { adminEmails } from '../members/members.service';

export interface FeedbackDeps {
  storage: Storage;
  mailer: Mailer;
  log: Logger;
  appUrl: string;
}

type Row = typeof feedback.$inferSelect & { authorName: string | null; authorEmail: string | null };

function present(r: Row): Feedback {
  return {
    id: r.id,
    category: r.category as Feedback['category'],
    message: r.message,
    page: r.page,
    hasScreenshot: Boolean(r.screenshotKey),
    authorId: r.authorId,
    authorName: r.authorName,
    authorEmail: r.authorEmail,
    createdAt: r.createdAt.toISOString(),
  };
}

export function feedbackService({ storage, mailer, log, appUrl }: FeedbackDeps) {
  const select = (ctx: ServiceContext) =>
    ctx.db
      .select({ f: feedback, authorName: user.name, authorEmail: user.email })
      .from(feedback)
      .leftJoin(user, eq(user.id, feedback.authorId))
      .where(eq(feedback.organizationId, ctx.orgId))
      .$dynamic();

  async function tellAdmins(ctx: ServiceContext, f: Feedback) {
    if (!mailer) return;
    const [org] = await ctx.db.select({ name: organization.name }).from(organization).where(eq(organization.id, ctx.orgId));
    const text = [
      `${f.authorName ?? 'Someone'} <${f.authorEmail ?? 'unknown'}> sent ${f.category} feedback${f.page ? ` about ${f.page}` : ''}:`,
      '',
      f.message,
      '',
      f.hasScreenshot ? 'A screenshot is attached in the app.' : '',
      `Read all feedback: ${appUrl}/feedback`,
    ].join('\n');
    for (const to of await adminEmails(ctx.db, ctx.orgId)) {
      await mailer({ to, subject: `Meridian feedback (${f.category}) from ${f.authorName ?? 'a user'} in ${org?.name ?? 'your organization'}`, text }).catch((err) => log.warn({ err }, 'could not email feedback to an admin'));
    }
  }

  return {
    async send(ctx: ServiceContext, input: unknown, screenshot?: Uint8Array): Promise<Feedback> {
      requireRole(ctx, 'viewer');
      const v = parseInput(FeedbackInputSchema, input);
      let stored: { key: string; type: string } | null = null;
      if (screenshot) {
        if (screenshot.byteLength > SCREENSHOT_MAX_BYTES) throw fieldError('screenshot', `is ${formatBytes(screenshot.byteLength)}; the limit is ${formatBytes(SCREENSHOT_MAX_BYTES)}`);
        const type = (await fileTypeFromBuffer(screenshot))?.mime;
        if (!type || !(SCREENSHOT_TYPES as readonly string[]).includes(type)) throw fieldError('screenshot', 'must be a PNG, JPEG, WebP or GIF image');
        stored = { key: `feedback/${ctx.orgId}/${randomUUID()}`, type };
        await storage.put(stored.key, screenshot, type);
      }
      const [row] = await ctx.db
        .insert(feedback)
        .values({ organizationId: ctx.orgId, authorId: ctx.actor.userId, category: v.category, message: v.message, page: v.page ?? null, screenshotKey: stored?.key ?? null, screenshotType: stored?.type ?? null })
        .returning();
      const [author] = await ctx.db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, ctx.actor.userId));
      const out = present({ ...row, authorName: author?.name ?? null, authorEmail: author?.email ?? null });
      // Email after the answer: a slow mail server must not hold up the person sending feedback.
      void tellAdmins(ctx, out).catch((err) => log.warn({ err }, 'could not email feedback'));
      return out;
    },

    async list(ctx: ServiceContext, limit = 200): Promise<Feedback[]> {
      requireRole(ctx, 'admin');
      const rows = await select(ctx).orderBy(desc(feedback.createdAt), desc(feedback.id)).limit(limit);
      return rows.map((r) => present({ ...r.f, authorName: r.authorName, authorEmail: r.authorEmail }));
    },

    async screenshot(ctx: ServiceContext, id: string): Promise<{ bytes: Uint8Array; type: string }> {
      requireRole(ctx, 'admin');
      const [r] = await ctx.db.select().from(feedback).where(and(eq(feedback.organizationId, ctx.orgId), eq(feedback.id, id)));
      if (!r?.screenshotKey || !r.screenshotType) throw notFound('Screenshot');
      return { bytes: await storage.get(r.screenshotKey), type: r.screenshotType };
    },
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
