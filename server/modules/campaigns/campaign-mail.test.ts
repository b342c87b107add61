// Email campaigns (issue 15.2) against a real SMTP peer: merge fields, the test send, the explicit
// confirmation (admin or owner), the throttled send job (one pass called directly, as pg-boss
// would), opted-out, bounced and address-less contacts never mailed, List-Unsubscribe headers,
// the open pixel, signed click redirects (a changed target is refused) and one-click unsubscribe
// (RFC 8058) setting the contact's email opt-out through its write path.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';
import { orgWithRoles } from '../../../test/factories';
import { startSmtp } from '../../../test/smtp';

let app: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  // The peer refuses gone-…@ addresses as a mailbox host does for a user that does not exist (550).
  smtp = await startSmtp({ rejects: (address) => address.startsWith('gone-') });
  app = await testApp({ env: { SMTP_URL: smtp.url, CAMPAIGN_SENDS_PER_MINUTE: '1' } });
  org = await orgWithRoles(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const tag = () => randomUUID().slice(0, 6);
async function contact(body: Record<string, unknown>) {
  const res = await org.member.post('/api/v1/contacts', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}
const member = async (campaignId: string, contactId: string) =>
  ((await org.admin.get(`/api/v1/campaigns/${campaignId}/members?limit=200`)).body.data as { contactId: string; status: string | null; sentAt: string | null; openedAt: string | null; clickedAt: string | null; unsubscribedAt: string | null }[]).find((m) => m.contactId === contactId)!;
const pathOf = (url: string) => url.replace(/^http:\/\/localhost:3999/, '');

describe('email campaigns', () => {
  test('template, test send, confirmation, throttled send, tracking and one-click unsubscribe', { timeout: 120_000 }, async () => {
    const t = tag();
    const company = (await org.member.post('/api/v1/companies', { name: `Acme ${t}` })).body.data.id;
    const ada = `ada-${t}@example.com`;
    const bob = `bob-${t}@example.com`;
    const out = `out-${t}@example.com`;
    const bounce = `bounce-${t}@example.com`;
    const ids = {
      ada: await contact({ firstName: 'Ada', lastName: 'Lovelace', email: ada, companyId: company }),
      bob: await contact({ firstName: 'Bob', email: bob }),
      optedOut: await contact({ firstName: 'Olga', email: out, emailOptOut: true }),
      bounced: await contact({ firstName: 'Bea', email: bounce }),
      noEmail: await contact({ firstName: 'Nemo' }),
    };

    const bad = await org.member.post('/api/v1/campaigns', { name: 'Bad', type: 'email', emailBody: 'Hi {{nickname}}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'emailBody', message: expect.stringContaining('{{nickname}}') });

    const created = await org.member.post('/api/v1/campaigns', {
      name: `Launch ${t}`, type: 'email', ownerId: org.admin.userId, emailSubject: 'Hello {{firstName}}',
      emailBody: 'Hi {{firstName}} at {{company}},\nsee https://example.com/offer?x=1&y=2 — {{owner}}',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const c = created.body.data.id as string;
    await org.member.post(`/api/v1/campaigns/${c}/members`, { contactIds: Object.values(ids) });
    await app.database.query('update campaign_members set bounced_at = now(), status = $1 where campaign_id = $2 and contact_id = $3', ['bounced', c, ids.bounced]);

    // A test send fills the merge fields from the first member and marks nobody.
    const tester = `tester-${t}@example.com`;
    expect((await org.member.post(`/api/v1/campaigns/${c}/test-send`, { to: 'not an email' })).status).toBe(400);
    const test1 = await org.member.post(`/api/v1/campaigns/${c}/test-send`, { to: tester });
    expect(test1.status, JSON.stringify(test1.body)).toBe(200);
    const testMail = await smtp.waitFor(tester);
    expect(testMail.raw).toMatch(/Subject: \[Test\] Hello Ada/);
    expect(testMail.raw).toContain(`Hi Ada at Acme ${t}`);
    expect((await org.viewer.get(`/api/v1/campaigns/${c}/metrics`)).body.data.reached.sent.count).toBe(0);

    // Sending needs confirm: true, and an admin or the owner (the admin is the owner here).
    expect((await org.viewer.post(`/api/v1/campaigns/${c}/send`, { confirm: true })).status).toBe(403);
    expect((await org.member.post(`/api/v1/campaigns/${c}/send`, { confirm: true })).status).toBe(403);
    const unconfirmed = await org.admin.post(`/api/v1/campaigns/${c}/send`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.details[0].path).toBe('confirm');
    expect(smtp.inbox.some((x) => x.to.includes(ada))).toBe(false);
    const go = await org.admin.post(`/api/v1/campaigns/${c}/send`, { confirm: true });
    expect(go.status, JSON.stringify(go.body)).toBe(202);
    expect(go.body.data).toEqual({ queued: 2, skipped: { optedOut: 1, bounced: 1, noEmail: 1, alreadySent: 0 }, perMinute: 1 });
    const timeline = (await org.admin.get(`/api/v1/campaigns/${c}/activities`)).body.data as { action: string; actorId: string; after: Record<string, unknown> }[];
    expect(timeline[0]).toMatchObject({ action: 'updated', actorId: org.admin.userId, after: { sendRequestedAt: expect.any(String), status: 'active' } });

    // One per minute: the first pass sends one, the second none, until a minute has passed. The
    // budget is the installation's, so sends of other tests on this database are aged out first.
    const minuteLater = () => app.database.query(`update campaign_members set sent_at = sent_at - interval '2 minutes' where sent_at > now() - interval '1 minute'`);
    await minuteLater();
    expect(await app.campaignMail.tick()).toBe(1);
    expect(await app.campaignMail.tick()).toBe(0);
    await minuteLater();
    expect(await app.campaignMail.tick()).toBe(1);
    expect(await app.campaignMail.tick()).toBe(0);
    const adaMail = await smtp.waitFor(ada);
    await smtp.waitFor(bob);
    for (const never of [out, bounce]) expect(smtp.inbox.some((x) => x.to.includes(never)), never).toBe(false);
    expect(adaMail.raw).toMatch(/Subject: Hello Ada/);
    // (The header may be folded onto the next line.)
    expect(adaMail.raw).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3999\/api\/email\/unsubscribe\/[^>]+>/);
    expect(adaMail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(adaMail.raw).not.toContain('{{');
    expect((await member(c, ids.ada)).status).toBe('sent');

    // The open pixel.
    const pixel = /http:\/\/localhost:3999\/api\/email\/open\/[0-9a-f-]+\.[A-Za-z0-9_-]+\.gif/.exec(adaMail.raw)![0];
    const opened = await app.app.request(pathOf(pixel));
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/gif');
    expect(await member(c, ids.ada)).toMatchObject({ status: 'opened', openedAt: expect.any(String) });
    // A forged pixel counts nothing (and still answers an image).
    expect((await app.app.request(pathOf(pixel).replace(/\.[A-Za-z0-9_-]+\.gif$/, '.forged.gif'))).status).toBe(200);

    // The tracked link redirects to its target only; another target with the same token is refused.
    const click = /http:\/\/localhost:3999\/api\/email\/click\/[^\s"<>]+/.exec(adaMail.raw)![0].replace(/&amp;/g, '&');
    const redirected = await app.app.request(pathOf(click));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('https://example.com/offer?x=1&y=2');
    expect(await member(c, ids.ada)).toMatchObject({ status: 'clicked', clickedAt: expect.any(String) });
    const token = /\/api\/email\/click\/([^?]+)/.exec(click)![1];
    expect((await app.app.request(`/api/email/click/${token}?u=${encodeURIComponent('https://evil.example/')}`)).status).toBe(400);

    // Unsubscribe: GET only asks; the one-click POST (RFC 8058) opts the contact out.
    const unsub = pathOf(/List-Unsubscribe:\s+<([^>]+)>/.exec(adaMail.raw)![1]);
    const asked = await app.app.request(unsub);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('<form method="post">');
    expect((await org.member.get(`/api/v1/contacts/${ids.ada}`)).body.data.emailOptOut).toBe(false);
    const done = await app.app.request(unsub, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect((await org.member.get(`/api/v1/contacts/${ids.ada}`)).body.data.emailOptOut).toBe(true);
    expect(await member(c, ids.ada)).toMatchObject({ status: 'unsubscribed', unsubscribedAt: expect.any(String) });
    const contactTimeline = (await org.member.get(`/api/v1/contacts/${ids.ada}/activities`)).body.data as { action: string; actorType: string; after: Record<string, unknown> }[];
    expect(contactTimeline[0]).toMatchObject({ action: 'updated', actorType: 'system', after: { emailOptOut: true } });
    expect((await app.app.request(unsub.replace(/\.[^.]+$/, '.forged'), { method: 'POST' })).status).toBe(400);

    const metrics = (await org.viewer.get(`/api/v1/campaigns/${c}/metrics`)).body.data;
    expect(metrics.reached.sent.count).toBe(2);
    expect(metrics.reached.clicked.count).toBe(1);
    expect(metrics.byStatus.unsubscribed.count).toBe(1);
    expect(metrics.byStatus.bounced.count).toBe(1);

    // Sending again mails nobody twice; a member added later (not opted out) is mailed by the job.
    await minuteLater();
    const late = `late-${t}@example.com`;
    await org.member.post(`/api/v1/campaigns/${c}/members`, { contactIds: [await contact({ firstName: 'Lee', email: late })] });
    expect((await org.admin.post(`/api/v1/campaigns/${c}/send`, { confirm: true })).body.data).toMatchObject({ queued: 1, skipped: { alreadySent: 2 } });
    expect(await app.campaignMail.tick()).toBe(1);
    await smtp.waitFor(late);
    expect(smtp.inbox.filter((x) => x.to.includes(ada))).toHaveLength(1);
  });

  test('a permanent refusal (550) is a hard bounce: the member shows bounced, and no campaign mails that contact again', async () => {
    const t = tag();
    const gone = `gone-${t}@example.com`;
    const fine = `fine-${t}@example.com`;
    const ids = { gone: await contact({ firstName: 'Gone', email: gone }), fine: await contact({ firstName: 'Fine', email: fine }) };
    const minuteLater = () => app.database.query(`update campaign_members set sent_at = sent_at - interval '2 minutes' where sent_at > now() - interval '1 minute'`);
    const first = (await org.admin.post('/api/v1/campaigns', { name: `Bounce ${t}`, type: 'email', emailSubject: 'Hi', emailBody: 'Hello {{firstName}}' })).body.data.id as string;
    await org.admin.post(`/api/v1/campaigns/${first}/members`, { contactIds: [ids.gone] });
    await org.admin.post(`/api/v1/campaigns/${first}/members`, { contactIds: [ids.fine] });
    expect((await org.admin.post(`/api/v1/campaigns/${first}/send`, { confirm: true })).body.data).toMatchObject({ queued: 2 });
    await minuteLater();
    // The refused one does not use the minute's budget; the next pass sends the other.
    expect(await app.campaignMail.tick()).toBe(0);
    expect(await member(first, ids.gone)).toMatchObject({ status: 'bounced', sentAt: null });
    expect((await member(first, ids.gone) as unknown as { bouncedAt: string | null }).bouncedAt).toEqual(expect.any(String));
    expect(await app.campaignMail.tick()).toBe(1);
    await smtp.waitFor(fine);
    expect((await org.viewer.get(`/api/v1/campaigns/${first}/metrics`)).body.data.byStatus.bounced.count).toBe(1);

    // Another campaign skips the bounced address and says so.
    await minuteLater();
    const second = (await org.admin.post('/api/v1/campaigns', { name: `Again ${t}`, type: 'email', emailSubject: 'Hi', emailBody: 'Hello again' })).body.data.id as string;
    await org.admin.post(`/api/v1/campaigns/${second}/members`, { contactIds: [ids.gone, ids.fine] });
    expect((await org.admin.post(`/api/v1/campaigns/${second}/send`, { confirm: true })).body.data).toMatchObject({ queued: 1, skipped: { bounced: 1 } });
    expect(await app.campaignMail.tick()).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.inbox.some((x) => x.to.includes(gone))).toBe(false);
    expect(smtp.inbox.filter((x) => x.to.includes(fine))).toHaveLength(2);
  });

  test('a campaign that is not email, or has no message, is not sent', async () => {
    const social = (await org.admin.post('/api/v1/campaigns', { name: 'Social', type: 'social', emailSubject: 'x', emailBody: 'y' })).body.data.id;
    const res = await org.admin.post(`/api/v1/campaigns/${social}/send`, { confirm: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('type');
    const empty = (await org.admin.post('/api/v1/campaigns', { name: 'Empty', type: 'email' })).body.data.id;
    const none = await org.admin.post(`/api/v1/campaigns/${empty}/send`, { confirm: true });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].path).toBe('emailBody');
  });

  test('the assistant and MCP start a send only through the user\'s approval', async () => {
    const c = (await org.admin.post('/api/v1/campaigns', { name: `Approved ${tag()}`, type: 'email', emailSubject: 'Hi', emailBody: 'Hello {{firstName}}' })).body.data.id as string;
    await org.admin.post(`/api/v1/campaigns/${c}/members`, { contactIds: [await contact({ firstName: 'Mo', email: `mo-${tag()}@example.com` })] });
    const server = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const key = (await org.admin.post('/api/v1/api-keys', { name: 'mail' })).body.data.key as string;
      const mcp = new McpClient({ name: 'campaign-mail-test', version: '1.0.0' });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
      const asked = await mcp.callTool({ name: 'send_campaign', arguments: { id: c } });
      const pending = JSON.parse((asked.content as { text: string }[])[0].text);
      expect(pending).toMatchObject({ status: 'pending_approval', summary: expect.stringContaining('Send email campaign "Approved') });
      await mcp.close();
      // Nothing happened yet.
      expect((await org.admin.get(`/api/v1/campaigns/${c}`)).body.data.sendRequestedAt).toBeNull();
      const approved = await org.admin.post(`/api/v1/assistant/approvals/${pending.approvalId}`, { approve: true });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
      expect((await org.admin.get(`/api/v1/campaigns/${c}`)).body.data.sendRequestedAt).toEqual(expect.any(String));
    } finally {
      server.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }
  });
});
