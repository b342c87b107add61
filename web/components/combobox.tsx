// The record pickers' shared combobox (company, contact, any record): a button showing the choice
// that opens a search box over a listbox (WAI-ARIA combobox pattern: the input owns the listbox and
// names the active option through aria-activedescendant). Typing searches; the first match is
// highlighted, so Enter picks it; when nothing matches exactly, "Create … 'text'" options make the
// missing record in place and pick it. An Enter pressed before the debounced search has answered
// waits for the answer, so fast typists get what they typed.
import { Check, ChevronsUpDown, LoaderCircle, Plus } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { errorMessage } from '../lib/api';
import { cn } from '../lib/utils';
import { fieldClass } from './ui/input';

export interface ComboOption {
  /** Unique among the options; what onChange receives. */
  value: string;
  label: string;
  /** A second, quieter line part (a type, an email). */
  detail?: string;
  icon?: ReactNode;
}

/** One way to make the missing record from the typed text. */
export interface ComboCreate {
  /** e.g. "Create company" — shown as `Create company "Globex"`. */
  label: string;
  icon?: ReactNode;
  create: (text: string) => Promise<ComboOption>;
}

export interface ComboResults {
  options: ComboOption[];
  /** True while the options for the current text are being fetched. */
  loading: boolean;
  error?: unknown;
}

interface ComboboxProps {
  id?: string;
  /** The chosen option's value (null: none). */
  value: string | null;
  /** What the button shows for the current value. */
  selectedLabel: string | null;
  /** The empty choice ("No company"); also the button's text when nothing is chosen. */
  noneLabel: string;
  /** Whether the list offers the empty choice (false for an "Add …" picker that only adds). */
  allowNone?: boolean;
  /** Accessible name of the search box and the list ("Search companies", "Companies"). */
  searchLabel: string;
  listLabel: string;
  placeholder: string;
  /** The options for a search text (debounced), fetched only while open. */
  useResults: (q: string, open: boolean) => ComboResults;
  creates?: ComboCreate[];
  onChange: (option: ComboOption | null) => void;
  icon?: ReactNode;
  /** Wording of the empty list, given the text searched for ('' before any). */
  emptyText?: (q: string) => string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-labelledby'?: string;
  'aria-label'?: string;
}

type Item = { kind: 'none' } | { kind: 'option'; option: ComboOption } | { kind: 'create'; create: ComboCreate };

export function Combobox(props: ComboboxProps) {
  const { id, value, selectedLabel, noneLabel, icon, onChange, 'aria-invalid': invalid, 'aria-describedby': describedBy, 'aria-labelledby': labelledBy, 'aria-label': ariaLabel } = props;
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          type="button"
          id={id}
          role="combobox"
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          aria-labelledby={labelledBy}
          aria-label={ariaLabel}
          className={cn(fieldClass, 'flex h-9 items-center justify-between gap-2 text-left')}
        >
          <span className={cn('flex min-w-0 items-center gap-2', !value && 'text-zinc-500')}>
            {value && icon ? <span className="shrink-0 text-zinc-400 [&_svg]:size-4">{icon}</span> : null}
            <span className="truncate">{value ? (selectedLabel ?? 'Selected') : noneLabel}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          collisionPadding={8}
          className="z-50 w-[var(--radix-popover-trigger-width)] min-w-64 max-w-[calc(100vw-1rem)] rounded-md border border-zinc-200 bg-white p-1 shadow-lg"
        >
          {open ? (
            <ComboList
              {...props}
              onPick={(o) => {
                onChange(o);
                setOpen(false);
              }}
            />
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function ComboList({ value, noneLabel, allowNone = true, searchLabel, listLabel, placeholder, useResults, creates = [], icon, emptyText, onPick }: ComboboxProps & { onPick: (o: ComboOption | null) => void }) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [pendingEnter, setPendingEnter] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);

  const results = useResults(q, true);
  const typed = text.trim();
  const settled = q === typed && !results.loading;
  const exact = results.options.some((o) => o.label.trim().toLowerCase() === q.toLowerCase());
  const items: Item[] = [
    ...results.options.map((option): Item => ({ kind: 'option', option })),
    ...(q && !exact ? creates.map((create): Item => ({ kind: 'create', create })) : []),
    ...(allowNone ? [{ kind: 'none' } as Item] : []),
  ];
  // Searching: matches, then the Create options, then the empty choice, and the first is highlighted
  // (Enter picks the best match). Not searching: the empty choice leads and the current one is highlighted.
  const ordered: Item[] = q || !allowNone ? items : [{ kind: 'none' }, ...items.filter((i) => i.kind !== 'none')];
  const keys = ordered.map(itemKey).join('|');
  useEffect(() => {
    const current = q ? -1 : ordered.findIndex((i) => i.kind === 'option' && i.option.value === value);
    setActive(current >= 0 ? current : 0);
    // Reset only when the list itself changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys]);

  async function choose(index: number) {
    const item = ordered[index];
    if (!item || creating) return;
    if (item.kind === 'none') return onPick(null);
    if (item.kind === 'option') return onPick(item.option);
    setCreating(true);
    setCreateError(null);
    try {
      onPick(await item.create.create(q));
    } catch (e) {
      setCreateError(errorMessage(e));
      setCreating(false);
    }
  }

  // Enter before the search answered: pick once the list for what was typed is in.
  useEffect(() => {
    if (pendingEnter && settled) {
      setPendingEnter(false);
      void choose(active);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pendingEnter, settled, active]);

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, ordered.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Home' && e.ctrlKey) setActive(0);
    else if (e.key === 'End' && e.ctrlKey) setActive(ordered.length - 1);
    else if (e.key === 'Enter') {
      if (settled) void choose(active);
      else setPendingEnter(true);
    } else return;
    e.preventDefault();
  }

  const status = creating ? 'Creating…' : results.loading && !results.options.length ? 'Searching…' : results.error ? errorMessage(results.error) : !results.options.length ? (emptyText?.(q) ?? (q ? `Nothing matches “${q}”` : 'Nothing yet')) : null;

  return (
    <>
      <div className="relative">
        <input
          autoFocus
          type="text"
          role="combobox"
          aria-label={searchLabel}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={`${listId}-${active}`}
          aria-busy={results.loading || creating}
          placeholder={placeholder}
          autoComplete="off"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCreateError(null);
          }}
          onKeyDown={onKeyDown}
          className="mb-1 h-9 w-full rounded border border-zinc-300 px-2 pr-8 text-sm outline-none focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/30"
        />
        {results.loading || creating ? <LoaderCircle className="absolute right-2 top-2.5 size-4 animate-spin text-zinc-400" aria-hidden="true" /> : null}
      </div>
      <ul ref={listRef} id={listId} role="listbox" aria-label={listLabel} className="max-h-64 overflow-y-auto">
        {ordered.map((item, i) => {
          const selected = item.kind === 'option' ? item.option.value === value : item.kind === 'none' && !value;
          return (
            <li
              key={itemKey(item)}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-checked={item.kind === 'create' ? undefined : selected}
              onMouseMove={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void choose(i)}
              className={cn('flex min-h-9 cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm', i === active && 'bg-zinc-100', item.kind === 'none' && 'text-zinc-600', item.kind === 'create' && 'font-medium text-indigo-700')}
            >
              {item.kind === 'option' ? (
                <>
                  <span className="shrink-0 text-zinc-400 [&_svg]:size-4" aria-hidden="true">{item.option.icon ?? icon}</span>
                  <span className="min-w-0 flex-1 truncate">
                    {item.option.label}
                    {item.option.detail ? <span className="ml-2 text-xs text-zinc-500">{item.option.detail}</span> : null}
                  </span>
                  {selected ? <Check className="size-4 shrink-0 text-indigo-700" aria-hidden="true" /> : null}
                </>
              ) : item.kind === 'create' ? (
                <>
                  <span className="shrink-0 [&_svg]:size-4" aria-hidden="true">{item.create.icon ?? <Plus />}</span>
                  <span className="min-w-0 flex-1 truncate">{`${item.create.label} “${q}”`}</span>
                </>
              ) : (
                <>
                  <span className="size-4 shrink-0" aria-hidden="true" />
                  <span className="flex-1 truncate">{noneLabel}</span>
                  {selected ? <Check className="size-4 shrink-0 text-indigo-700" aria-hidden="true" /> : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
      <p role="status" className={cn('px-2 text-xs', createError ? 'py-1.5 text-red-700' : status ? 'py-1.5 text-zinc-500' : 'sr-only')}>
        {createError ?? status ?? `${results.options.length} ${results.options.length === 1 ? 'result' : 'results'}`}
      </p>
    </>
  );
}

function itemKey(i: Item) {
  return i.kind === 'option' ? `o:${i.option.value}` : i.kind === 'create' ? `c:${i.create.label}` : 'none';
}
