// Ctrl/⌘+K (or the header's Search button): search everything as you type, jump to a hit, or
// quick-create a record. ARIA combobox: the input owns a grouped listbox; arrows move, Enter opens.
import { FilePlus2, LoaderCircle, Search } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/button';
import { errorMessage } from '../../lib/api';
import { cn } from '../../lib/utils';
import { usePaletteItems, type PaletteItem } from './palette-items';
import { Snippet } from './snippet';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'} title={`Search (${isMac ? '⌘' : 'Ctrl+'}K)`}>
        <Search aria-hidden="true" />
        <span className="hidden sm:inline">Search</span>
        <span className="sr-only sm:hidden">Search</span>
        <kbd aria-hidden="true" className="hidden rounded border border-zinc-200 bg-zinc-50 px-1 font-sans text-[10px] text-zinc-500 md:inline">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </Button>
      <D.Root open={open} onOpenChange={setOpen}>
        <D.Portal>
          <D.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px]" />
          <D.Content aria-describedby={undefined} className="fixed left-1/2 top-[12vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl">
            <D.Title className="sr-only">Search and commands</D.Title>
            {open ? <PaletteBody onDone={() => setOpen(false)} /> : null}
          </D.Content>
        </D.Portal>
      </D.Root>
    </>
  );
}

function PaletteBody({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const { items, searching, error, noHits } = usePaletteItems(text);
  const keys = items.map((i) => i.key).join('|');
  // New results: the cursor starts at the best one.
  useEffect(() => setActive(0), [keys]);

  function choose(item: PaletteItem | undefined) {
    if (!item) return;
    onDone();
    navigate(item.url);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, items.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Home' && e.ctrlKey) setActive(0);
    else if (e.key === 'End' && e.ctrlKey) setActive(items.length - 1);
    else if (e.key === 'Enter') choose(items[active]);
    else return;
    e.preventDefault();
  }

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const groups = [...new Set(items.map((i) => i.group))];
  return (
    <div>
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3">
        <Search className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
        <input
          autoFocus
          role="combobox"
          aria-label="Search records and commands"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? `${listId}-${active}` : undefined}
          placeholder="Search contacts, deals, notes… or type a command"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          className="h-12 flex-1 bg-transparent text-sm outline-none"
        />
        {searching ? <LoaderCircle className="size-4 animate-spin text-zinc-400" aria-label="Searching" /> : null}
      </div>
      <div id={listId} role="listbox" aria-label="Results" className="max-h-[60vh] overflow-y-auto p-1">
        {error ? <p role="alert" className="px-3 py-2 text-sm text-red-700">{errorMessage(error)}</p> : null}
        {noHits ? <p role="status" className="px-3 py-2 text-sm text-zinc-500">No records match “{text.trim()}”.</p> : null}
        {groups.map((g) => (
          <div key={g} role="group" aria-labelledby={`${listId}-g-${g}`}>
            <p id={`${listId}-g-${g}`} role="presentation" className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-zinc-500">{g}</p>
            {items.map((item, i) =>
              item.group !== g ? null : (
                <div
                  key={item.key}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseMove={() => setActive(i)}
                  onClick={() => choose(item)}
                  className={cn('flex cursor-pointer items-start gap-2 rounded px-3 py-2 text-sm', i === active && 'bg-indigo-50')}
                >
                  {g === 'Quick create' ? <FilePlus2 className="mt-0.5 size-4 shrink-0 text-zinc-400" aria-hidden="true" /> : null}
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium text-zinc-900">{item.label}</p>
                    {item.snippet ? <p className="line-clamp-2 text-xs text-zinc-500"><Snippet text={item.snippet} /></p> : null}
                  </div>
                </div>
              ),
            )}
          </div>
        ))}
      </div>
      <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-500">↑ ↓ to move · Enter to open · Esc to close</p>
    </div>
  );
}
