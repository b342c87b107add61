// Users and organizations are created through the real auth API, so sessions, members and
// organizations are exactly what the server itself writes; only CRM rows are bulk-inserted.
import { HttpClient } from './http-client';

export interface OrgAccount {
  client: HttpClient;
  userId: string;
  orgId: string;
}

export async function createOrgAccount(baseUrl: string, origin: string, label: string, maxSockets: number): Promise<OrgAccount> {
  const client = new HttpClient(baseUrl, origin, maxSockets);
  const tag = `${label}-${Date.now().toString(36)}`;
  const signUp = await client.json<{ user: { id: string } }>(
    'POST',
    '/api/auth/sign-up/email',
    { name: `Bench ${label}`, email: `${tag}@bench.example.com`, password: 'bench-password-123' },
    200,
  );
  // Sign-up opens no session (a taken address must look like a new one): sign in.
  await client.json('POST', '/api/auth/sign-in/email', { email: `${tag}@bench.example.com`, password: 'bench-password-123' }, 200);
  const org = await client.json<{ id: string }>('POST', '/api/auth/organization/create', { name: `Bench ${label}`, slug: tag }, 200);
  await client.json('POST', '/api/auth/organization/set-active', { organizationId: org.id }, 200);
  return { client, userId: signUp.user.id, orgId: org.id };
}

export interface BenchStage {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

export interface BenchPipeline {
  id: string;
  stages: BenchStage[];
}

/** The "Sales" pipeline the server creates with every organization, as GET /api/v1/pipelines returns it. */
export async function defaultPipeline(account: OrgAccount): Promise<BenchPipeline> {
  const { data } = await account.client.json<{ data: (BenchPipeline & { isDefault: boolean })[] }>('GET', '/api/v1/pipelines', undefined, 200);
  const p = data.find((x) => x.isDefault) ?? data[0];
  if (!p) throw new Error(`organization ${account.orgId} has no pipeline`);
  if (!p.stages.some((s) => s.kind === 'open')) throw new Error(`pipeline ${p.id} has no open stage`);
  return { id: p.id, stages: [...p.stages].sort((a, b) => a.position - b.position) };
}

/**
 * A MEMBER of `owner`'s organization, through the same auth endpoints a person uses: the owner
 * invites, the member signs up, signs in, accepts and makes the organization active. Owners and
 * admins are never restricted by record visibility, so owner-only figures need this caller.
 */
export async function addMember(baseUrl: string, origin: string, owner: OrgAccount, label: string, maxSockets: number): Promise<OrgAccount> {
  const email = `${label}-${Date.now().toString(36)}@bench.example.com`;
  const invitation = await owner.client.json<{ id: string; organizationId: string }>('POST', '/api/auth/organization/invite-member', { email, role: 'member' }, 200);
  const client = new HttpClient(baseUrl, origin, maxSockets);
  const signUp = await client.json<{ user: { id: string } }>('POST', '/api/auth/sign-up/email', { name: `Bench ${label}`, email, password: 'bench-password-123' }, 200);
  await client.json('POST', '/api/auth/sign-in/email', { email, password: 'bench-password-123' }, 200);
  await client.json('POST', '/api/auth/organization/accept-invitation', { invitationId: invitation.id }, 200);
  await client.json('POST', '/api/auth/organization/set-active', { organizationId: invitation.organizationId }, 200);
  return { client, userId: signUp.user.id, orgId: invitation.organizationId };
}
