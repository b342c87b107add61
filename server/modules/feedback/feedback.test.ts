// /feedback: anyone in the organization sends feedback (JSON, or multipart with a screenshot that
// must really be an image); owners and admins list it, open the screenshot and get it by email
// through a real SMTP peer; other organizations and members never see it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';
import { startSmtp } from '../../../test/smtp';

const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  smtp = await startSmtp();
  const app = await testApp({ env: { SMTP_URL: smtp.url } });
  org = await orgWithRoles(app);
});
afterAll(() => smtp.close());

describe('feedback', () => {
  test('a viewer sends feedback; the owner and admin are emailed, the member is not', async () => {
    const res = await org.viewer.post('/api/v1/feedback', { category: 'bug', message: 'The board jumps when I drag a deal', page: '/deals/board' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ category: 'bug', message: 'The board jumps when I drag a deal', page: '/deals/board', hasScreenshot: false, authorId: org.viewer.userId, authorEmail: org.viewer.email });
    for (const to of [org.owner.email, org.admin.email]) {
      const mail = await smtp.waitFor(to, 15_000);
      expect(mail.raw).toContain('The board jumps when I drag a deal');
      expect(mail.raw).toContain('/deals/board');
    }
    expect(smtp.inbox.some((m) => m.to.includes(org.member.email))).toBe(false);
  });

  test('a screenshot rides along as multipart, and only a real image is taken', async () => {
    const sent = await org.member.upload('/api/v1/feedback', { category: 'idea', message: 'Colour the stale deals' }, { name: 'shot.png', bytes: PNG, type: 'image/png', field: 'screenshot' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.data).toMatchObject({ category: 'idea', hasScreenshot: true });
    const image = await org.admin.download(`/api/v1/feedback/${sent.body.data.id}/screenshot`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.compare(image.body, Buffer.from(PNG))).toBe(0);

    const before = (await org.admin.get('/api/v1/feedback')).body.data.length;
    const fake = await org.member.upload('/api/v1/feedback', { message: 'see attached' }, { name: 'shot.png', bytes: new TextEncoder().encode('<svg onload=alert(1)>'), type: 'image/png', field: 'screenshot' });
    expect(fake.status).toBe(400);
    expect(fake.body.error.details).toEqual([expect.objectContaining({ path: 'screenshot' })]);
    expect((await org.admin.get('/api/v1/feedback')).body.data.length).toBe(before);
  });

  test('admins list it newest first; members and viewers may not', async () => {
    const list = await org.admin.get('/api/v1/feedback');
    expect(list.status).toBe(200);
    expect(list.body.data.map((f: { category: string }) => f.category)).toEqual(['idea', 'bug']);
    expect(list.body.data[1]).toMatchObject({ authorName: expect.any(String), authorEmail: org.viewer.email });
    expect((await org.member.get('/api/v1/feedback')).status).toBe(403);
    expect((await org.viewer.get('/api/v1/feedback')).status).toBe(403);
  });

  test('bad feedback is a 400 on the field and nothing is stored', async () => {
    const before = (await org.owner.get('/api/v1/feedback')).body.data.length;
    for (const [body, path] of [[{ message: '   ' }, 'message'], [{ message: 'x', category: 'rant' }, 'category'], [{ message: 'x', page: 'javascript:alert(1)' }, 'page'], [{ message: 'x', extra: 1 }, '']] as const) {
      const res = await org.member.post('/api/v1/feedback', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (path) expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
    expect((await org.owner.get('/api/v1/feedback')).body.data.length).toBe(before);
  });

  test('another organization sees none of it, not even a screenshot by id', async () => {
    const shot = (await org.admin.get('/api/v1/feedback')).body.data.find((f: { hasScreenshot: boolean }) => f.hasScreenshot);
    const other = await ownerWithOrg(org.owner.app);
    expect((await other.owner.get('/api/v1/feedback')).body.data).toEqual([]);
    expect((await other.owner.download(`/api/v1/feedback/${shot.id}/screenshot`)).status).toBe(404);
  });
});
