// Who is acting, for which organization, with which role: passed to every service call.
import type { Role } from '../../contracts/common';
import type { DbOrTx } from '../db/client';

export interface Actor {
  /** user (session), api_key, assistant (on behalf of the user), system (jobs) */
  type: 'user' | 'api_key' | 'assistant' | 'system';
  /** The user acting, or on whose behalf the key / assistant acts. */
  userId: string;
  /** The API key id or assistant conversation id carrying the write. */
  via?: string;
}

export interface ServiceContext {
  /** The database, or the caller's open transaction (e.g. lead conversion, an import batch). */
  db: DbOrTx;
  orgId: string;
  role: Role;
  actor: Actor;
}
