// The input a cell turns into while it is edited: text / amount boxes, a date picker, or a select
// (status, stage, owner). Enter or leaving the cell saves, Escape cancels; a select saves on change.
import { useState, type KeyboardEvent } from 'react';
import { cn } from '../../lib/utils';
import type { CellEditor } from './grid-types';

const box = 'h-7 w-full rounded border border-indigo-500 bg-white px-1.5 text-sm shadow-sm outline-none ring-2 ring-indigo-500/30';

export function CellEditorInput<T>({ editor, row, onCommit, onCancel }: { editor: CellEditor<T>; row: T; onCommit: (value: string) => void; onCancel: () => void }) {
  const initial = editor.value(row);
  const [value, setValue] = useState(initial);
  const [done, setDone] = useState(false);
  // Enter and blur both fire on the way out; save once.
  const finish = (v: string | null) => {
    if (done) return;
    setDone(true);
    if (v === null) onCancel();
    else onCommit(v);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(null);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      finish(value);
    }
  };
  const label = `Edit ${editor.label}`;
  if (editor.type === 'select' || editor.type === 'owner') {
    return (
      <select
        autoFocus
        aria-label={label}
        className={cn(box, 'pr-6')}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          finish(e.target.value);
        }}
        onBlur={() => finish(value)}
        onKeyDown={onKeyDown}
      >
        {editor.optional || value === '' ? <option value="">{editor.type === 'owner' ? 'No owner' : 'None'}</option> : null}
        {editor.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      autoFocus
      aria-label={label}
      type={editor.type === 'date' ? 'date' : 'text'}
      inputMode={editor.type === 'amount' ? 'decimal' : undefined}
      className={cn(box, editor.type === 'amount' && 'text-right tabular-nums')}
      value={value}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={onKeyDown}
    />
  );
}
