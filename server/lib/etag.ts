// Optimistic concurrency for records (RFC 9110 §8.8.3, §13.1.1): a record's ETag is its `version`
// (a column every write bumps, db/schema/columns.ts), quoted — a strong validator. A PATCH or
// DELETE that sends `If-Match` is applied only when a tag matches the row's version as it is
// under the write's row lock (crud.ts), else 412 with the current record. Without If-Match a write
// goes through as before (list inline edits, imports, the assistant).
import { AppError } from './errors';

/** The ETag header value of a record at `version`. */
export const etagOf = (version: number) => `"${version}"`;

/** A parsed If-Match header: `*` (any current record) or the entity tags it lists. */
export type IfMatch = { any: true } | { any: false; tags: { weak: boolean; opaque: string }[] };

const MAX_LENGTH = 1000;
// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE ; etagc = %x21 / %x23-7E / obs-text
const TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/;

function invalid(reason: string) {
  return new AppError(400, 'invalid_if_match', `If-Match ${reason}; send the ETag of the record as it was given, e.g. If-Match: "3"`, [{ path: 'If-Match', message: reason }]);
}

/** Parses an If-Match header; undefined when absent. A malformed one is a 400 (never a silent "no precondition"). */
export function parseIfMatch(header: string | undefined | null): IfMatch | undefined {
  if (header === undefined || header === null) return undefined;
  if (header.length > MAX_LENGTH) throw invalid(`is longer than ${MAX_LENGTH} characters`);
  let rest = header.trim();
  if (rest === '*') return { any: true };
  const tags: { weak: boolean; opaque: string }[] = [];
  // A comma-separated list; empty elements are allowed by the list rule (RFC 9110 §5.6.1).
  while (rest.length > 0) {
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trimStart();
      continue;
    }
    const m = TAG.exec(rest);
    if (!m) throw invalid('must be "*" or a list of entity tags in double quotes');
    tags.push({ weak: Boolean(m[1]), opaque: m[2] });
    rest = rest.slice(m[0].length).trimStart();
    if (rest.length > 0 && !rest.startsWith(',')) throw invalid('must separate entity tags with commas');
  }
  if (tags.length === 0) throw invalid('is empty');
  return { any: false, tags };
}

/**
 * Whether a record at `version` satisfies the precondition. If-Match uses the strong comparison:
 * a weak tag (W/"3") never matches.
 */
export function ifMatchSatisfied(ifMatch: IfMatch, version: number): boolean {
  if (ifMatch.any) return true;
  const current = String(version);
  return ifMatch.tags.some((t) => !t.weak && t.opaque === current);
}

/** The 412 answer: what the caller needs to show "changed by someone else" and decide. */
export function preconditionFailed(label: string, current: Record<string, unknown>) {
  return new AppError(
    412,
    'precondition_failed',
    `This ${label.toLowerCase()} was changed by someone else since you loaded it; nothing was saved. details.current is the record as it is now.`,
    { current, etag: etagOf(current.version as number) },
  );
}
