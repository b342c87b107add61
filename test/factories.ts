// Users, organizations and members made through the real auth endpoints.
import { expect } from 'vitest';
import type { Role } from '../contracts/common';
import { Client, testApp, uniqueEmail, type TestApp } from './app';

export const PASSWORD = 'correct-horse-battery';

export async function signUp(app?: TestApp, name = 'Test User', email = uniqueEmail()): Promise<Client & { email: string; userId: string }> {
  const client = new Client(app ?? (await testApp())) as Client & { email: string; userId: string };
  const res = await client.post('/api/auth/sign-up/email', { name, email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  // Sign-up makes no session (so a taken address looks like a fresh one); sign in as the web does.
  const signedIn = await client.post('/api/auth/sign-in/email', { email, password: PASSWORD });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  client.email = email;
  client.userId = res.body.user.id;
  return client;
}

export async function createOrg(owner: Client, name = `Org ${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await owner.post('/api/auth/organization/create', { name, slug });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const set = await owner.post('/api/auth/organization/set-active', { organizationId: res.body.id });
  expect(set.status).toBe(200);
  return res.body.id;
}

/** A signed-up owner with an active organization. */
export async function ownerWithOrg(app?: TestApp) {
  const owner = await signUp(app, 'Olivia Owner');
  const orgId = await createOrg(owner);
  return { owner, orgId };
}

/** Adds a new user to the org with `role` (server-side, as an accepted invitation would). */
export async function addMember(orgId: string, role: Role, app?: TestApp) {
  const a = app ?? (await testApp());
  const client = await signUp(a, `${role[0].toUpperCase()}${role.slice(1)} Person`);
  await a.auth.api.addMember({ body: { userId: client.userId, organizationId: orgId, role } });
  const set = await client.post('/api/auth/organization/set-active', { organizationId: orgId });
  expect(set.status).toBe(200);
  return client;
}

/** An org with one user of each role. */
export async function orgWithRoles(app?: TestApp) {
  const { owner, orgId } = await ownerWithOrg(app);
  const [admin, member, viewer] = await Promise.all([
    addMember(orgId, 'admin', app),
    addMember(orgId, 'member', app),
    addMember(orgId, 'viewer', app),
  ]);
  return { orgId, owner, admin, member, viewer };
}
