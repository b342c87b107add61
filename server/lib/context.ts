// Who is acting, for which organization, with which role: passed to every service call.
import type { Role } from '../../contracts/common';
import type { DbOrTx } from '../db/client';

export interface Actor {
  /** user (session), api_key, assistant (on behalf of the user), automation (a rule), system (jobs) */
  type: 'user' | 'api_key' | 'assistant' | 'automation' | 'system';
  /** The user acting, or on whose behalf the key / assistant acts. */
  userId: string;
  /** The API key id, assistant conversation id or automation id carrying the write. */
  via?: string;
  /**
   * For automations: how many automations deep this write is (1 for a rule run by a person's
   * change, 2 for a rule run by that rule's write, …). It travels in the outbox event, so the
   * automations consumer can stop a loop.
   */
  depth?: number;
  /** A bulk action's batch (bulk_jobs.id): every activity it records carries it, so one undo reverts them all. */
  batchId?: string;
}

export interface ServiceContext {
  /** The database, or the caller's open transaction (e.g. lead conversion, an import batch). */
  db: DbOrTx;
  orgId: string;
  role: Role;
  actor: Actor;
}
