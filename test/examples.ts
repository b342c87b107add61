// A valid create body for any entity, from its definition's example (the one the OpenAPI document
// shows): unique values made unique again, and a relatedType/relatedId pointed at a real record.
import { randomUUID } from 'node:crypto';
import type { EntityDef } from '../server/lib/crud';

export function exampleFor(def: EntityDef, related: { contact: string }): Record<string, unknown> {
  const body: Record<string, unknown> = { ...def.example };
  const tag = randomUUID().slice(0, 8);
  if (typeof body.email === 'string') body.email = body.email.replace('@', `+${tag}@`);
  if (typeof body.domain === 'string') body.domain = `${tag}.${body.domain}`;
  if ('relatedId' in body) {
    body.relatedType = 'contact';
    body.relatedId = related.contact;
  }
  return body;
}
