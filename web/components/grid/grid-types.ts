// What a list page declares about each column of its DataGrid: header, width, the read-only cell
// and, for cells a member may change in place, the editor.
import type { ReactNode } from 'react';

export interface EditOption {
  value: string;
  label: string;
}

/** An inline editor: the cell's value as text ('' = empty) and the PATCH body for a new one. */
export interface CellEditor<T> {
  type: 'text' | 'select' | 'date' | 'owner' | 'amount';
  /** What the field is called in messages: "Title saved", "Could not save Email". */
  label: string;
  value: (row: T) => string;
  /** select / owner choices ('' is offered as "None" when `optional`). */
  options?: EditOption[];
  optional?: boolean;
  /** The PATCH body for the value; throws an Error whose message is shown when the value is unusable. */
  body: (value: string, row: T) => Record<string, unknown>;
}

export interface GridColumn<T> {
  id: string;
  header: string;
  /** The API sort field; the header sorts when set. */
  sort?: string;
  /** Default width in px. */
  size?: number;
  align?: 'right';
  cell: (row: T) => ReactNode;
  edit?: CellEditor<T>;
  /** Off until the user shows it (custom fields, rarely read columns). */
  hidden?: boolean;
  /** Always shown and first (the record's name). */
  pinned?: boolean;
}
