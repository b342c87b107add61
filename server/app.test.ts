import { describe, expect, test } from 'vitest';
import { Client, testApp } from '../test/app';

describe('public endpoints', () => {
  test('GET /api/health answers ok when the database answers', async () => {
    const app = await testApp();
    const res = await new Client(app).get('/api/health');
    expect(res.status).toBe(200);
    // PGlite always has pgvector; Debian's PostgreSQL 15 has not, and the details say so.
    expect(res.body).toEqual({ status: 'ok', details: { database: app.database.kind, semantic: app.database.kind === 'pglite' } });
  });

  test('GET /api/openapi.json is an OpenAPI 3.1 document generated from the contracts', async () => {
    const res = await new Client(await testApp()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/contacts', '/api/v1/contacts/{id}', '/api/v1/contacts/{id}/restore', '/api/v1/contacts/{id}/activities', '/api/v1/companies', '/api/v1/api-keys', '/api/v1/members/{id}/deactivate']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    const create = doc.paths['/api/v1/contacts'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['firstName', 'email', 'companyId', 'linkedinUrl', 'about']));
    expect(schema.properties.status.enum).toEqual(['lead', 'prospect', 'customer', 'churned', 'inactive']);
    expect(create.responses).toHaveProperty('201');
    expect(doc.paths['/api/v1/companies'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'offset', 'sort', 'q', 'filter']),
    );
  });

  test('GET /api/docs serves the reference UI with its bundle from this server', async () => {
    const c = new Client(await testApp());
    const res = await c.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.body).toContain('/api/openapi.json');
    expect(res.body).toContain('/api/docs/scalar.js');
    const bundle = await c.get('/api/docs/scalar.js');
    expect(bundle.status).toBe(200);
    expect(String(bundle.body).length).toBeGreaterThan(100_000);
  });
});
