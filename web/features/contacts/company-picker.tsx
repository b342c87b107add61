// Company combobox for the contact form: a button that opens a searchable list of companies.
// ARIA combobox pattern: the search input owns the listbox and announces the active option.
import { Building2, Check, ChevronsUpDown } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { fieldClass } from '../../components/ui/input';
import { cn } from '../../lib/utils';
import { useCompanies } from '../companies/companies.queries';

interface CompanyPickerProps {
  id?: string;
  value: string | null;
  /** Name of the selected company, for showing it before the list is loaded. */
  selectedName: string | null;
  onChange: (company: { id: string; name: string } | null) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function CompanyPicker({ id, value, selectedName, onChange, ...aria }: CompanyPickerProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);

  const companies = useCompanies({ q, limit: 20, sort: 'name' }, { enabled: open });
  const options = [{ id: null, name: 'No company' }, ...(companies.data?.data ?? []).map((c) => ({ id: c.id, name: c.name }))];
  // Results changed under the cursor: start again from the top.
  useEffect(() => setActive(0), [q]);

  function choose(index: number) {
    const o = options[index];
    if (!o) return;
    onChange(o.id ? { id: o.id, name: o.name } : null);
    setOpen(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, options.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(options.length - 1);
    else if (e.key === 'Enter') choose(active);
    else return;
    e.preventDefault();
  }

  return (
    <Popover.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setText('');
      }}
    >
      <Popover.Trigger asChild>
        <button
          type="button"
          id={id}
          role="combobox"
          aria-expanded={open}
          aria-haspopup="listbox"
          {...aria}
          className={cn(fieldClass, 'flex h-9 items-center justify-between gap-2 text-left')}
        >
          <span className={cn('truncate', !value && 'text-zinc-400')}>{value ? (selectedName ?? 'Selected company') : 'No company'}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-[var(--radix-popover-trigger-width)] min-w-64 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <input
            autoFocus
            type="search"
            role="combobox"
            aria-label="Search companies"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={`${listId}-${active}`}
            placeholder="Search companies…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            className="mb-1 h-8 w-full rounded border border-zinc-200 px-2 text-sm outline-none focus-visible:border-indigo-500"
          />
          <ul id={listId} role="listbox" aria-label="Companies" className="max-h-60 overflow-y-auto">
            {options.map((o, i) => (
              <li
                key={o.id ?? 'none'}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={o.id === value}
                onMouseMove={() => setActive(i)}
                onClick={() => choose(i)}
                className={cn('flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm', i === active && 'bg-zinc-100', !o.id && 'text-zinc-500')}
              >
                <Building2 className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
                <span className="flex-1 truncate">{o.name}</span>
                {o.id === value ? <Check className="size-4 text-indigo-600" aria-hidden="true" /> : null}
              </li>
            ))}
            {companies.isFetching && !companies.data ? <li role="presentation" className="px-2 py-1.5 text-sm text-zinc-500">Loading…</li> : null}
            {companies.data && companies.data.data.length === 0 ? (
              <li role="presentation" className="px-2 py-1.5 text-sm text-zinc-500">
                {q ? `No companies match “${q}”` : 'No companies yet'}
              </li>
            ) : null}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
