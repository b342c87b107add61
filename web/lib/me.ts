// The signed-in member (GET /api/v1/me) as every page sees it. features/auth/session.tsx loads it
// and provides it through <RequireMembership>; generic components read it here, so they need
// nothing from features/.
import { createContext, use } from 'react';
import type { Role } from '../../contracts/common';
import type { Me as MeResponse } from '../../contracts/responses';

/** GET /me, as the contract describes it. */
export type Me = MeResponse;

export const MeContext = createContext<Me | null>(null);

/** The signed-in member; only valid under <RequireMembership>. */
export function useMe(): Me {
  const me = use(MeContext);
  if (!me) throw new Error('useMe() used outside <RequireMembership>');
  return me;
}

export function canEdit(role: Role) {
  return role !== 'viewer';
}

export function isAdmin(role: Role) {
  return role === 'owner' || role === 'admin';
}
