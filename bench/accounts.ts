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
  const org = await client.json<{ id: string }>('POST', '/api/auth/organization/create', { name: `Bench ${label}`, slug: tag }, 200);
  await client.json('POST', '/api/auth/organization/set-active', { organizationId: org.id }, 200);
  return { client, userId: signUp.user.id, orgId: org.id };
}
