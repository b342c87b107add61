// Ready-made inline editors for the common field kinds, so list pages declare a column's editor
// in one line: text(…), select(…), date(…), owner(…), amount(…).
import { parseAmount } from '../../../contracts/money';
import type { Member } from '../../../contracts/members';
import type { CellEditor, EditOption } from './grid-types';

type Field<T> = keyof T & string;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A text field; blank saves null unless `required`. */
export function textEditor<T>(field: Field<T>, label: string, opts: { required?: boolean } = {}): CellEditor<T> {
  return {
    type: 'text',
    label,
    value: (row) => str(row[field]),
    body: (v) => {
      const t = v.trim();
      if (!t && opts.required) throw new Error(`${label} cannot be empty`);
      return { [field]: t || null };
    },
  };
}

export function selectEditor<T>(field: Field<T>, label: string, options: EditOption[]): CellEditor<T> {
  return { type: 'select', label, value: (row) => str(row[field]), options, body: (v) => ({ [field]: v }) };
}

/** A YYYY-MM-DD date; blank clears it. */
export function dateEditor<T>(field: Field<T>, label: string): CellEditor<T> {
  return { type: 'date', label, value: (row) => str(row[field]).slice(0, 10), body: (v) => ({ [field]: v || null }) };
}

export function ownerEditor<T>(members: Member[], field: Field<T> = 'ownerId' as Field<T>): CellEditor<T> {
  return {
    type: 'owner',
    label: 'Owner',
    optional: true,
    value: (row) => str(row[field]),
    options: members.map((m) => ({ value: m.userId, label: m.name })),
    body: (v) => ({ [field]: v || null }),
  };
}

/** An amount as people write it ("7,500", "20k", "1.2m"); blank clears it. */
export function amountEditor<T>(field: Field<T>, label: string): CellEditor<T> {
  return {
    type: 'amount',
    label,
    value: (row) => str(row[field]),
    body: (v) => {
      if (!v.trim()) return { [field]: null };
      const parsed = parseAmount(v);
      if (!parsed) throw new Error('must be an amount like 7,500, 20k or 1.2m');
      return { [field]: parsed.amount };
    },
  };
}
