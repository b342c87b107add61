// A tags field: the chosen tags as colored chips, a text box that suggests existing tags as you
// type (arrow keys + Enter), and Enter or comma to add a new name (the server creates the tag when
// the record is saved). Backspace in the empty box removes the last tag.
import { X } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { cn } from '../../lib/utils';
import { fieldClass } from '../../components/ui/input';
import { TagChip } from './tag-chips';
import { DEFAULT_TAG_COLOR, useTags } from './tags.queries';

interface TagInputProps {
  value: string[];
  onChange: (tags: string[]) => void;
  /** Given by <Field>: the text box gets the label's id and the error wiring. */
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function TagInput({ value, onChange, id, ...aria }: TagInputProps) {
  const tags = useTags();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const colorOf = (name: string) => tags.data?.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color ?? DEFAULT_TAG_COLOR;
  const has = (name: string) => value.some((v) => v.toLowerCase() === name.toLowerCase());
  const q = text.trim().toLowerCase();
  const matches = (tags.data ?? []).filter((t) => !has(t.name) && t.name.toLowerCase().includes(q)).slice(0, 8);
  const exact = (tags.data ?? []).some((t) => t.name.toLowerCase() === q);
  const options = [...matches.map((t) => ({ name: t.name, create: false })), ...(q && !exact && !has(q) ? [{ name: text.trim(), create: true }] : [])];
  const showList = open && options.length > 0;

  function add(name: string) {
    const t = name.trim();
    // An existing tag keeps its spelling; a new one is added as typed.
    const known = tags.data?.find((x) => x.name.toLowerCase() === t.toLowerCase());
    if (t && !has(t)) onChange([...value, known?.name ?? t]);
    setText('');
    setActive(0);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (e.key === 'Enter' || e.key === ',') {
      if (e.key === 'Enter' && !text.trim()) return;
      e.preventDefault();
      add(showList ? (options[active]?.name ?? text) : text);
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="relative">
      <div className={cn(fieldClass, 'flex min-h-9 flex-wrap items-center gap-1.5 py-1.5 focus-within:border-indigo-600 focus-within:outline-2 focus-within:outline-indigo-600/40', aria['aria-invalid'] && 'border-red-500')}>
        <ul aria-label="Selected tags" className="contents">
          {value.map((t) => (
            <li key={t} className="contents">
              <TagChip name={t} color={colorOf(t)}>
                <button type="button" aria-label={`Remove tag ${t}`} className="-mr-1 rounded-full p-0.5 text-zinc-500 hover:bg-white/60 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => onChange(value.filter((v) => v !== t))}>
                  <X className="size-3" aria-hidden="true" />
                </button>
              </TagChip>
            </li>
          ))}
        </ul>
        <input
          id={id}
          {...aria}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList ? `${listId}-${active}` : undefined}
          autoComplete="off"
          placeholder={value.length ? '' : 'Add tags…'}
          className="min-w-24 flex-1 bg-transparent text-sm outline-none"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            if (text.trim()) add(text);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Tag suggestions" className={cn('absolute z-50 mt-1 max-h-56 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white p-1 shadow-lg', !showList && 'hidden')}>
        {options.map((o, i) => (
          <li
            key={`${o.create}-${o.name}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={cn('flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm', i === active && 'bg-zinc-100')}
            onMouseDown={(e) => {
              e.preventDefault();
              add(o.name);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {o.create ? (
              <span>
                Create tag <span className="font-medium">“{o.name}”</span>
              </span>
            ) : (
              <TagChip name={o.name} color={colorOf(o.name)} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
