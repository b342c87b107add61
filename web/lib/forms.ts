// Glue between HTML form values (always strings) and the contract schemas (nullable fields),
// and between server validation errors and react-hook-form's per-field errors.
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from './api';

/** Blank text means "no value": the API wants null for a cleared optional field. */
export function blankToNull(v: string | null | undefined): string | null {
  const t = (v ?? '').trim();
  return t === '' ? null : t;
}

/**
 * Puts each server-reported field error (400 details, 409 duplicate email) on its field; returns
 * the message for anything that does not belong to a visible field, to show above the form.
 */
export function applyServerErrors<T extends FieldValues>(e: unknown, setError: UseFormSetError<T>, fields: readonly string[]): string | null {
  if (!(e instanceof ApiError)) return errorMessage(e);
  let unplaced = false;
  let first = true;
  for (const d of e.details) {
    const field = d.path.split('.')[0] ?? '';
    if (fields.includes(field)) {
      setError(field as Path<T>, { type: 'server', message: d.message }, { shouldFocus: first });
      first = false;
    } else unplaced = true;
  }
  if (e.details.length === 0 || unplaced) return e.message;
  return null;
}
