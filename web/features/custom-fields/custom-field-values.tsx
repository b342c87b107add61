// Showing custom field values: the detail pages' field list entries and the list pages' cells.
import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/misc';
import { valuesOf, type CustomField } from './custom-fields.queries';

/** A value as text-ish content; null when empty (the field list shows a dash). */
export function customFieldValue(field: CustomField, value: unknown): ReactNode {
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'multi_select':
      return Array.isArray(value) && value.length ? (
        <span className="flex flex-wrap gap-1">
          {value.map((v) => (
            <Badge key={String(v)}>{String(v)}</Badge>
          ))}
        </span>
      ) : null;
    case 'date': {
      const d = new Date(`${String(value)}T00:00:00`);
      return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
    }
    case 'number':
      return typeof value === 'number' ? value.toLocaleString() : String(value);
    case 'currency': {
      const n = Number(value);
      return Number.isFinite(n) ? n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(value);
    }
    case 'url':
      return /^https?:\/\//i.test(String(value)) ? (
        <a className="text-indigo-700 hover:underline" href={String(value)} target="_blank" rel="noreferrer noopener" onClick={(e) => e.stopPropagation()}>
          {String(value)}
        </a>
      ) : (
        String(value)
      );
    case 'email':
      return (
        <a className="text-indigo-700 hover:underline" href={`mailto:${String(value)}`} onClick={(e) => e.stopPropagation()}>
          {String(value)}
        </a>
      );
    case 'long_text':
      return <span className="whitespace-pre-wrap">{String(value)}</span>;
    default:
      return String(value);
  }
}

/** Entries for <Fields items> on a detail page: one per active field of the record's entity. */
export function customFieldItems(fields: CustomField[], record: object) {
  const values = valuesOf(record);
  return fields.map((f) => ({ label: f.label, value: customFieldValue(f, values[f.key]) }));
}
