// Email campaigns (issue 15.2): the template with merge fields, tracked links and the open pixel,
// List-Unsubscribe with one-click unsubscribe (RFC 8058), the test send, the confirmed send, and
// the throttled send job. Links in a mail carry an HMAC of what they do, so nobody can forge an
// open, a click to another address (no open redirect) or someone else's unsubscribe.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, count, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { CampaignSendSchema, CampaignTestSendSchema, MERGE_FIELD_RE, type MERGE_FIELDS } from '../../../contracts/campaigns';
import type { Db } from '../../db/client';
import { campaignMembers, campaigns, companies, contacts, user } from '../../db/schema';
import type { JobDefinition } from '../../jobs/jobs';
import type { ServiceContext } from '../../lib/context';
import { AppError, fieldError, forbidden, parseInput } from '../../lib/errors';
import type { Mailer } from '../../lib/mailer';
import { requireRole } from '../../lib/roles';
import { contactService } from '../contacts/contacts.service';
import { campaignService } from './campaigns.service';

const m = campaignMembers;
const URL_RE = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

export type MergeValues = Partial<Record<(typeof MERGE_FIELDS)[number], string | null>>;
export function render(template: string, values: MergeValues): string {
  return template.replace(MERGE_FIELD_RE, (_all, f: string) => values[f as keyof MergeValues] ?? '');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface MailLinks {
  appUrl: string;
  secret: string;
}

function signer(secret: string) {
  const key = createHmac('sha256', secret).update('meridian campaign mail').digest();
  const mac = (s: string) => createHmac('sha256', key).update(s).digest('base64url').slice(0, 32);
  return {
    token: (kind: string, memberId: string, extra = '') => `${memberId}.${mac(`${kind}|${memberId}|${extra}`)}`,
    /** The member id when the token is genuine for this kind (and extra), else null. */
    verify(kind: string, token: string, extra = ''): string | null {
      const [id, sig] = token.split('.');
      if (!id || !sig || !/^[0-9a-f-]{36}$/i.test(id)) return null;
      const want = Buffer.from(mac(`${kind}|${id}|${extra}`));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got) ? id : null;
    },
  };
}

/** One member's message: merge fields filled, links tracked, the pixel, the unsubscribe headers. */
export function buildMessage(links: MailLinks, memberId: string, to: string, subject: string, body: string, values: MergeValues) {
  const s = signer(links.secret);
  const base = links.appUrl.replace(/\/$/, '');
  const track = (url: string) => `${base}/api/email/click/${s.token('click', memberId, url)}?u=${encodeURIComponent(url)}`;
  const unsubscribe = `${base}/api/email/unsubscribe/${s.token('unsubscribe', memberId)}`;
  const filled = render(body, values);
  const text = `${filled.replace(URL_RE, track)}\n\n--\nUnsubscribe: ${unsubscribe}\n`;
  const html = `<div style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(filled).replace(URL_RE, (u) => `<a href="${escapeHtml(track(u.replace(/&amp;/g, '&')))}">${u}</a>`)}</div>`
    + `<p style="font-size:12px;color:#666"><a href="${unsubscribe}">Unsubscribe</a></p>`
    + `<img src="${base}/api/email/open/${s.token('open', memberId)}.gif" width="1" height="1" alt="">`;
  return {
    to,
    subject: render(subject, values),
    text,
    html,
    // RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to this address.
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The member's contact hard-bounced in any campaign of the organization: their address is not mailed again. */
const contactBounced = sql`exists (select 1 from campaign_members b where b.organization_id = ${m.organizationId} and b.contact_id = ${m.contactId} and b.bounced_at is not null)`;
/** Members the send job will mail: not yet sent, not bounced (here or elsewhere) or unsubscribed, with an email, not opted out. */
const eligible = and(isNull(m.sentAt), sql`not ${contactBounced}`, isNull(m.unsubscribedAt), isNotNull(contacts.email), eq(contacts.emailOptOut, false), isNull(contacts.deletedAt));

/**
 * A permanent SMTP refusal (5xx, e.g. 550 "user unknown" at RCPT TO) is a hard bounce: the address
 * does not exist, so retrying or mailing it from another campaign only hurts the sender's reputation.
 * A 4xx is temporary. (Bounces that come back later as a DSN mail need an inbound mailbox: not here.)
 */
function isHardBounce(err: unknown): boolean {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * The explicit go: an admin or the campaign's owner confirms (REST: `confirm: true`; the assistant
 * and MCP: the user's approval of `send_campaign`). It records the confirmation through the
 * campaign's write path and says who will be mailed; the send job does the mailing.
 */
export async function requestSend(ctx: ServiceContext, id: string, input: unknown) {
  requireRole(ctx, 'member');
  parseInput(CampaignSendSchema, input);
  const c = await campaignService.get(ctx, id);
  const admin = ctx.role === 'admin' || ctx.role === 'owner';
  if (!admin && c.ownerId !== ctx.actor.userId) throw forbidden('Only an admin or the campaign\'s owner can send it.');
  if (c.type !== 'email') throw fieldError('type', 'only email campaigns are sent');
  if (!c.emailSubject || !c.emailBody) throw fieldError('emailBody', 'write the subject and the message first');
  const [counts] = await ctx.db
    .select({
      queued: sql<number>`count(*) filter (where ${eligible})::int`,
      optedOut: sql<number>`count(*) filter (where ${m.sentAt} is null and ${contacts.emailOptOut})::int`,
      bounced: sql<number>`count(*) filter (where ${m.sentAt} is null and ${contactBounced})::int`,
      noEmail: sql<number>`count(*) filter (where ${m.sentAt} is null and ${contacts.email} is null)::int`,
      alreadySent: sql<number>`count(*) filter (where ${m.sentAt} is not null)::int`,
    })
    .from(m)
    .innerJoin(contacts, eq(contacts.id, m.contactId))
    .where(and(eq(m.organizationId, ctx.orgId), eq(m.campaignId, id), isNull(contacts.deletedAt)));
  if (!c.sendRequestedAt) await campaignService.updateValues(ctx, id, { sendRequestedAt: new Date(), status: 'active' });
  const { queued, ...skipped } = counts;
  return { queued, skipped };
}

async function ownerName(db: Db, ownerId: string | null) {
  if (!ownerId) return null;
  const [u] = await db.select({ name: user.name }).from(user).where(eq(user.id, ownerId));
  return u?.name ?? null;
}

export function campaignMail(opts: { db: Db; mailer: Mailer; links: MailLinks; perMinute: number; log: Logger }) {
  const { db, mailer, links, perMinute, log } = opts;
  const s = signer(links.secret);

  async function campaignFor(ctx: ServiceContext, id: string) {
    const c = await campaignService.get(ctx, id);
    if (!mailer) throw new AppError(409, 'smtp_not_configured', 'Email is not configured on this server (SMTP_URL)');
    if (!c.emailSubject || !c.emailBody) throw fieldError('emailBody', 'write the subject and the message first');
    return c;
  }

  /** A test message to `to`, filled from the first member with an email (first added, then by name; or sample values); marks nobody. */
  async function testSend(ctx: ServiceContext, id: string, input: unknown) {
    requireRole(ctx, 'member');
    const { to } = parseInput(CampaignTestSendSchema, input);
    const c = await campaignFor(ctx, id);
    const [first] = await ctx.db
      .select({ firstName: contacts.firstName, lastName: contacts.lastName, fullName: contacts.fullName, email: contacts.email, company: companies.name })
      .from(m)
      .innerJoin(contacts, eq(contacts.id, m.contactId))
      .leftJoin(companies, eq(companies.id, contacts.companyId))
      .where(and(eq(m.organizationId, ctx.orgId), eq(m.campaignId, id), isNotNull(contacts.email), isNull(contacts.deletedAt)))
      .orderBy(asc(m.addedAt), asc(contacts.fullName))
      .limit(1);
    const values: MergeValues = { ...(first ?? { firstName: 'Ada', lastName: 'Lovelace', fullName: 'Ada Lovelace', email: to, company: 'Acme' }), owner: await ownerName(db, c.ownerId as string | null) };
    // A test carries no member: its links point nowhere real (an all-zero id), so it counts nothing.
    const mail = buildMessage(links, '00000000-0000-0000-0000-000000000000', to, `[Test] ${String(c.emailSubject)}`, String(c.emailBody), values);
    await mailer!(mail);
    return { sent: true, to };
  }

  /** The explicit go (REST): SMTP must be configured; the rest is requestSend. */
  async function send(ctx: ServiceContext, id: string, input: unknown) {
    requireRole(ctx, 'member');
    parseInput(CampaignSendSchema, input);
    await campaignFor(ctx, id);
    return { ...(await requestSend(ctx, id, input)), perMinute };
  }

  /**
   * One pass of the send job: at most `perMinute` mails in any 60 seconds across the installation
   * (counted from sent_at, so every node and restart shares the budget). pg-boss runs one pass at
   * a time (stately), and no transaction is held while SMTP talks.
   */
  async function tick(): Promise<number> {
    if (!mailer) return 0;
    const [{ recent }] = await db.select({ recent: count() }).from(m).where(gt(m.sentAt, sql`now() - interval '1 minute'`));
    const budget = perMinute - recent;
    if (budget <= 0) return 0;
    const batch = await db
      .select({
        id: m.id, email: contacts.email, firstName: contacts.firstName, lastName: contacts.lastName, fullName: contacts.fullName, company: companies.name,
        subject: campaigns.emailSubject, body: campaigns.emailBody, owner: user.name,
      })
      .from(m)
      .innerJoin(campaigns, and(eq(campaigns.id, m.campaignId), isNotNull(campaigns.sendRequestedAt), isNull(campaigns.deletedAt), eq(campaigns.type, 'email')))
      .innerJoin(contacts, eq(contacts.id, m.contactId))
      .leftJoin(companies, eq(companies.id, contacts.companyId))
      .leftJoin(user, eq(user.id, campaigns.ownerId))
      .where(and(eligible, isNull(m.sendError)))
      .orderBy(asc(campaigns.sendRequestedAt), asc(m.addedAt), asc(m.id))
      .limit(budget);
    let sent = 0;
    for (const r of batch) {
      try {
        await mailer(buildMessage(links, r.id, r.email!, r.subject ?? '', r.body ?? '', { firstName: r.firstName, lastName: r.lastName, fullName: r.fullName, email: r.email, company: r.company, owner: r.owner }));
        await db.update(m).set({ status: 'sent', sentAt: new Date(), sendError: null }).where(and(eq(m.id, r.id), isNull(m.sentAt)));
        sent++;
      } catch (err) {
        const sendError = err instanceof Error ? err.message.slice(0, 500) : 'send failed';
        if (isHardBounce(err)) {
          log.info({ member: r.id }, 'campaign mail bounced');
          await db.update(m).set({ status: 'bounced', bouncedAt: new Date(), sendError }).where(eq(m.id, r.id));
          continue;
        }
        // Kept out of later passes until someone looks: a server that keeps refusing would fail every time.
        log.warn({ err, member: r.id }, 'campaign mail failed');
        await db.update(m).set({ sendError }).where(eq(m.id, r.id));
      }
    }
    return sent;
  }

  const pending = async () => {
    const [row] = await db
      .select({ id: m.id })
      .from(m)
      .innerJoin(campaigns, and(eq(campaigns.id, m.campaignId), isNotNull(campaigns.sendRequestedAt), isNull(campaigns.deletedAt)))
      .innerJoin(contacts, eq(contacts.id, m.contactId))
      .where(and(eligible, isNull(m.sendError)))
      .limit(1);
    return Boolean(row);
  };
  const definitions: JobDefinition[] = [
    { name: 'campaigns.send', handler: async () => void (await tick()), queue: { policy: 'stately', retryLimit: 3 }, poll: { everySeconds: 10, when: pending } },
  ];

  /** Engagement from a mail: later steps imply the earlier ones; bounced and unsubscribed stay. */
  async function mark(memberId: string, step: 'opened' | 'clicked') {
    const stamp = step === 'opened' ? { openedAt: sql`coalesce(${m.openedAt}, now())` } : { openedAt: sql`coalesce(${m.openedAt}, now())`, clickedAt: sql`coalesce(${m.clickedAt}, now())` };
    const keep = step === 'opened' ? sql`${m.status} in ('clicked', 'bounced', 'unsubscribed')` : sql`${m.status} in ('bounced', 'unsubscribed')`;
    await db.update(m).set({ ...stamp, status: sql`case when ${keep} then ${m.status} else ${step} end` } as never).where(and(eq(m.id, memberId), isNotNull(m.sentAt)));
  }

  async function unsubscribe(memberId: string) {
    const [row] = await db
      .select({ member: m.id, orgId: m.organizationId, contactId: m.contactId, campaignId: m.campaignId, ownerId: campaigns.ownerId, createdBy: campaigns.createdBy })
      .from(m)
      .innerJoin(campaigns, eq(campaigns.id, m.campaignId))
      .where(eq(m.id, memberId));
    if (!row) return false;
    // The opt-out goes through the contact's write path (its timeline shows it, webhooks hear it).
    const ctx: ServiceContext = { db, orgId: row.orgId, role: 'admin', actor: { type: 'system', userId: row.ownerId ?? row.createdBy ?? 'system', via: row.campaignId } };
    await contactService.updateValues(ctx, row.contactId, { emailOptOut: true }).catch((err) => {
      if (!(err instanceof AppError && err.status === 404)) throw err;
    });
    await db.update(m).set({ status: 'unsubscribed', unsubscribedAt: sql`coalesce(${m.unsubscribedAt}, now())` } as never).where(eq(m.id, memberId));
    return true;
  }

  const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">${title}</h1>${body}</body></html>`;

  /** Public endpoints the mails link to: no session, the signed token is the authority. */
  function routes() {
    const r = new Hono();
    r.get('/api/email/open/:file', async (c) => {
      const id = s.verify('open', c.req.param('file').replace(/\.gif$/, ''));
      if (id) await mark(id, 'opened');
      return c.body(GIF, 200, { 'content-type': 'image/gif', 'cache-control': 'no-store' });
    });
    r.get('/api/email/click/:token', async (c) => {
      const url = c.req.query('u') ?? '';
      const id = /^https?:\/\//.test(url) ? s.verify('click', c.req.param('token'), url) : null;
      if (!id) return c.html(page('This link is not valid', '<p>The link may have been changed or cut off.</p>'), 400);
      await mark(id, 'clicked');
      return c.redirect(url, 302);
    });
    r.get('/api/email/unsubscribe/:token', (c) => {
      // Never unsubscribes on GET (link checkers open links); the button POSTs.
      if (!s.verify('unsubscribe', c.req.param('token'))) return c.html(page('This link is not valid', '<p>The link may have been changed or cut off.</p>'), 400);
      return c.html(page('Unsubscribe', `<form method="post"><p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form>`));
    });
    r.post('/api/email/unsubscribe/:token', async (c) => {
      const id = s.verify('unsubscribe', c.req.param('token'));
      if (!id || !(await unsubscribe(id))) return c.html(page('This link is not valid', '<p>The link may have been changed or cut off.</p>'), 400);
      return c.html(page('You are unsubscribed', '<p>You will not receive these emails any more.</p>'));
    });
    return r;
  }

  return { testSend, send, tick, definitions, routes, token: s.token };
}
export type CampaignMail = ReturnType<typeof campaignMail>;
