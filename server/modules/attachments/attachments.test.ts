// Attachments over HTTP, on local disk and on a real S3-compatible server (s3rver, in-process).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testApp } from '../../../test/app';
import { orgWithRoles, ownerWithOrg } from '../../../test/factories';

// The smallest valid PNG (1×1 transparent pixel).
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const text = (s: string) => new TextEncoder().encode(s);

async function flow(app: Awaited<ReturnType<typeof testApp>>) {
  const org = await orgWithRoles(app);
  const contact = (await org.member.post('/api/v1/contacts', { firstName: 'Ada' })).body.data;
  const on = { relatedType: 'contact', relatedId: contact.id };
  const png = await org.member.upload('/api/v1/attachments', on, { name: 'photo.png', bytes: PNG, type: 'image/png' });
  expect(png.status, JSON.stringify(png.body)).toBe(201);
  expect(png.body.data).toMatchObject({ filename: 'photo.png', contentType: 'image/png', size: PNG.byteLength });
  // The name says PNG, the bytes say text: the bytes win.
  const fake = await org.member.upload('/api/v1/attachments', on, { name: 'evil.png', bytes: text('<script>alert(1)</script>'), type: 'image/png' });
  expect(fake.body.data.contentType).toBe('text/plain');
  const dl = await org.viewer.download(`/api/v1/attachments/${fake.body.data.id}/download`);
  expect(dl.status).toBe(200);
  expect(dl.headers.get('content-type')).toBe('text/plain');
  expect(dl.headers.get('content-disposition')).toBe(`attachment; filename="evil.png"; filename*=UTF-8''evil.png`);
  expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
  expect(dl.body.toString()).toBe('<script>alert(1)</script>');
  const img = await org.viewer.download(`/api/v1/attachments/${png.body.data.id}/download`);
  expect(Buffer.compare(img.body, Buffer.from(PNG))).toBe(0);

  expect((await org.member.upload('/api/v1/attachments', on, { name: 'setup.pdf', bytes: ELF })).status).toBe(400);
  expect((await org.viewer.upload('/api/v1/attachments', on, { name: 'x.txt', bytes: text('x') })).status).toBe(403);
  const list = await org.viewer.get(`/api/v1/attachments?relatedType=contact&relatedId=${contact.id}`);
  expect(list.body.data.map((a: { filename: string }) => a.filename).sort()).toEqual(['evil.png', 'photo.png']);
  const timeline = (await org.viewer.get(`/api/v1/contacts/${contact.id}/activities`)).body.data;
  expect(timeline[0]).toMatchObject({ action: 'attachment_added', after: { filename: 'evil.png' } });

  expect((await org.member.delete(`/api/v1/attachments/${fake.body.data.id}`)).status).toBe(204);
  expect((await org.viewer.get(`/api/v1/attachments?relatedType=contact&relatedId=${contact.id}`)).body.data).toHaveLength(1);
  const { owner: stranger } = await ownerWithOrg(app);
  expect((await stranger.download(`/api/v1/attachments/${png.body.data.id}/download`)).status).toBe(404);
  expect((await stranger.upload('/api/v1/attachments', on, { name: 'x.txt', bytes: text('x') })).status).toBe(400);
  return { org, contact };
}

describe('attachments on local disk', () => {
  test('upload, type by content, download safely, list, delete, tenant scope', async () => {
    const app = await testApp({ env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'meridian-att-')) } });
    await flow(app);
  });

  test('the size limit comes from config', async () => {
    const app = await testApp({ env: { ATTACHMENT_MAX_BYTES: '2048' } });
    const { member } = await orgWithRoles(app);
    const c = (await member.post('/api/v1/contacts', { firstName: 'Big' })).body.data;
    const res = await member.upload('/api/v1/attachments', { relatedType: 'contact', relatedId: c.id }, { name: 'big.txt', bytes: text('x'.repeat(5000)) });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/limited to/);
  });
});

describe('attachments on an S3-compatible store', () => {
  let s3: S3rver;
  let endpoint: string;
  beforeAll(async () => {
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'meridian-s3-')), configureBuckets: [{ name: 'meridian-files', configs: [] }] });
    const address = await s3.run();
    endpoint = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => s3.close());

  test('the same flow with S3_BUCKET set stores the bytes in the bucket', async () => {
    const app = await testApp({ env: { S3_BUCKET: 'meridian-files', S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' } });
    const { org } = await flow(app);
    // The object is really in the bucket, under the organization's prefix.
    const res = await fetch(`${endpoint}/meridian-files?list-type=2&prefix=${org.orgId}/`);
    const listing = await res.text();
    expect(listing).toContain(`<Key>${org.orgId}/`);
  });
});
