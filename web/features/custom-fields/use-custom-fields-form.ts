// The custom-field part of a record form: draft values per field (strings as typed, booleans,
// option lists), client checks (required, number, money), the body part `{ customFields }`, and
// server errors on `customFields.<key>` put back on their inputs.
import { useState } from 'react';
import { ApiError } from '../../lib/api';
import { useActiveFields, valuesOf, type CustomField, type CustomFieldValue, type CustomFieldValues, type FieldEntity } from './custom-fields.queries';

export type Draft = string | boolean | string[];

/** A stored value as its input shows it. */
export function toDraft(field: CustomField, value: unknown): Draft {
  if (field.type === 'boolean') return value === true;
  if (field.type === 'multi_select') return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (value === null || value === undefined) return '';
  return String(value);
}

/** A draft as the API wants it, or the reason it cannot be saved. */
export function fromDraft(field: CustomField, draft: Draft): { value: CustomFieldValue } | { error: string } {
  if (field.type === 'boolean') return { value: draft === true };
  if (field.type === 'multi_select') {
    const list = Array.isArray(draft) ? draft : [];
    if (field.required && list.length === 0) return { error: 'Choose at least one option' };
    return { value: list };
  }
  const text = typeof draft === 'string' ? draft.trim() : '';
  if (text === '') return field.required ? { error: `${field.label} is required` } : { value: null };
  if (field.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? { value: n } : { error: 'Must be a number' };
  }
  if (field.type === 'currency') {
    const cleaned = text.replace(/[,\s]/g, '');
    return /^-?\d+(\.\d{1,2})?$/.test(cleaned) ? { value: Number(cleaned).toFixed(2) } : { error: 'Must be an amount like 12.50' };
  }
  return { value: text };
}

export function useCustomFieldsForm(entity: FieldEntity, record?: object) {
  const fields = useActiveFields(entity);
  // reset() swaps in another version of the record (an edit conflict's "reload theirs").
  const [base, setBase] = useState<object | undefined>(undefined);
  const from = base ?? record;
  const stored = from ? valuesOf(from) : {};
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  /** Drops what was typed and shows `next`'s stored values. */
  function reset(next: object) {
    setBase(next);
    setDrafts({});
    setErrors({});
  }

  const valueOf = (f: CustomField): Draft => drafts[f.key] ?? toDraft(f, stored[f.key]);

  function setValue(key: string, value: Draft) {
    setDrafts((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  }

  /** Checks every field; `body` is `{ customFields }` when the entity has fields, `{}` otherwise. */
  function collect(): { valid: boolean; body: { customFields?: CustomFieldValues } } {
    if (fields.length === 0) return { valid: true, body: {} };
    const values: CustomFieldValues = {};
    const found: Record<string, string> = {};
    for (const f of fields) {
      const r = fromDraft(f, valueOf(f));
      if ('error' in r) found[f.key] = r.error;
      else values[f.key] = r.value;
    }
    setErrors(found);
    return { valid: Object.keys(found).length === 0, body: { customFields: values } };
  }

  /** Places `customFields.<key>` errors; returns what is left for the rest of the form (or null). */
  function applyServerErrors(e: unknown): unknown {
    if (!(e instanceof ApiError)) return e;
    const placed: Record<string, string> = {};
    const rest = e.details.filter((d) => {
      const m = /^customFields\.([^.]+)/.exec(d.path);
      if (m && fields.some((f) => f.key === m[1])) {
        placed[m[1]] = d.message;
        return false;
      }
      return true;
    });
    if (Object.keys(placed).length === 0) return e;
    setErrors(placed);
    return rest.length ? new ApiError(e.status, e.code, e.message, rest) : null;
  }

  return { fields, valueOf, setValue, errors, collect, applyServerErrors, reset };
}

export type CustomFieldsForm = ReturnType<typeof useCustomFieldsForm>;
