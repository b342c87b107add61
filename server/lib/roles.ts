// The four roles form a ladder: each can do everything the one below it can.
import type { Role } from '../../contracts/common';
import { forbidden } from './errors';

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

const WHAT: Record<Role, string> = {
  viewer: 'read records',
  member: 'create and edit records',
  admin: 'manage members, invitations, API keys and settings',
  owner: 'manage the organization itself',
};

export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function requireRole(ctx: { role: Role }, needed: Role): void {
  if (!hasRole(ctx.role, needed)) {
    throw forbidden(`Your role (${ctx.role}) cannot do this: only ${needed}s and above can ${WHAT[needed]}.`);
  }
}
