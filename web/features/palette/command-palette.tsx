// Ctrl/⌘+K (or the header's Search button): search everything as you type and run commands — go to
// a page, create a record, log a call on the record on screen, ask the assistant. Built on cmdk
// (the listbox, keyboard movement and ARIA combobox); the filtering is ours, because search hits
// come ranked from the server and commands match by word starts.
import { Command } from 'cmdk';
import { ArrowRight, FilePlus2, LoaderCircle, MessageSquareText, PhoneCall, Search } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { entityOfResource } from '../../../contracts/entities';
import { Button } from '../../components/ui/button';
import { errorMessage } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { LogActivityDialog } from '../activities/log-activity';
import { useAssistantPanel } from '../assistant/assistant-panel';
import { canEdit, useMe } from '../auth/session';
import { ASSISTANT, LOGGABLE, logCommands, matches, NAVIGATION, QUICK_CREATE, useSearchHits, type LoggableType, type LogTarget, type LogType, type PaletteItem } from './palette-items';
import { Snippet } from './snippet';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The record whose page is on screen, when it is one a call can be logged on. */
function useCurrentRecord(): LogTarget | null {
  const { pathname } = useLocation();
  const m = /^\/([a-z-]+)\/([0-9a-f-]{36})$/.exec(pathname);
  const entity = m ? entityOfResource(m[1] ?? '') : undefined;
  if (!m || !entity || !LOGGABLE.includes(entity.type)) return null;
  const record = queryClient.getQueryData<Record<string, unknown>>([entity.resource, 'one', m[2]]);
  const name = String(record?.name ?? record?.fullName ?? record?.email ?? `this ${entity.label.toLowerCase()}`);
  return { relatedType: entity.type as LoggableType, relatedId: m[2] ?? '', name };
}

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const [logging, setLogging] = useState<{ type: LogType; target: LogTarget } | null>(null);
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
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'} title={`Search and commands (${isMac ? '⌘' : 'Ctrl+'}K)`}>
        <Search aria-hidden="true" />
        <span className="hidden sm:inline">Search</span>
        <span className="sr-only sm:hidden">Search</span>
        <kbd aria-hidden="true" className="hidden rounded border border-zinc-200 bg-zinc-50 px-1 font-sans text-[10px] text-zinc-600 md:inline">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </Button>
      <D.Root open={open} onOpenChange={setOpen}>
        <D.Portal>
          <D.Overlay className="fixed inset-0 z-40 bg-zinc-950/40 backdrop-blur-[1px]" />
          <D.Content aria-describedby={undefined} className="fixed left-1/2 top-[12vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xl">
            <D.Title className="sr-only">Search and commands</D.Title>
            {open ? (
              <PaletteBody
                onDone={() => setOpen(false)}
                onLog={(type, target) => {
                  setOpen(false);
                  setLogging({ type, target });
                }}
              />
            ) : null}
          </D.Content>
        </D.Portal>
      </D.Root>
      {logging ? <LogActivityDialog type={logging.type} relatedType={logging.target.relatedType} relatedId={logging.target.relatedId} name={logging.target.name} onClose={() => setLogging(null)} /> : null}
    </>
  );
}

function PaletteBody({ onDone, onLog }: { onDone: () => void; onLog: (type: LogType, target: LogTarget) => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const assistant = useAssistantPanel();
  const current = useCurrentRecord();
  const [text, setText] = useState('');
  // "Log a call…" with no record on screen: the search then picks the record it is about.
  const [picking, setPicking] = useState<LogType | null>(null);
  const search = useSearchHits(text, picking ? LOGGABLE : undefined);
  const editor = canEdit(me.role);
  const needle = text.trim();

  const commands = picking ? [] : [...(editor ? logCommands(current) : []), ASSISTANT, ...(editor ? QUICK_CREATE : []), ...NAVIGATION].filter((c) => matches(c, needle));
  const hits = picking ? search.items.filter((i) => i.hit && LOGGABLE.includes(i.hit.type)) : search.items;
  // With nothing typed, commands lead; once searching, the records do.
  const items = needle && !picking ? [...hits, ...commands] : [...commands, ...hits];
  const groups = [...new Set(items.map((i) => i.group))];

  function run(item: PaletteItem) {
    const a = item.action;
    if (picking && item.hit) return onLog(picking, { relatedType: item.hit.type as LoggableType, relatedId: item.hit.id, name: item.label });
    if (a.kind === 'pick-log') {
      setPicking(a.type);
      setText('');
      return;
    }
    if (a.kind === 'log' && a.target) return onLog(a.type, a.target);
    onDone();
    if (a.kind === 'assistant') assistant.openPanel();
    else if (a.kind === 'go') navigate(a.url);
  }

  return (
    <Command shouldFilter={false} loop label="Search records and commands" className="flex flex-col">
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3">
        <Search className="size-4 shrink-0 text-zinc-500" aria-hidden="true" />
        {picking ? <span className="shrink-0 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">Log a {picking} with…</span> : null}
        <Command.Input
          autoFocus
          aria-label="Search records and commands"
          placeholder={picking ? 'Find the contact, company, deal…' : 'Search contacts, deals, notes… or type a command'}
          value={text}
          onValueChange={setText}
          onKeyDown={(e) => {
            if (picking && e.key === 'Backspace' && text === '') setPicking(null);
          }}
          className="h-12 min-w-0 flex-1 bg-transparent text-sm outline-none"
        />
        {search.searching ? <LoaderCircle className="size-4 animate-spin text-zinc-500" aria-label="Searching" /> : null}
      </div>
      <Command.List aria-label="Results" className="max-h-[60vh] overflow-y-auto p-1">
        {search.error ? <p role="alert" className="px-3 py-2 text-sm text-red-700">{errorMessage(search.error)}</p> : null}
        {search.noHits && items.length === 0 ? <p role="status" className="px-3 py-2 text-sm text-zinc-600">No records or commands match “{needle}”.</p> : null}
        {search.noHits && items.length > 0 ? <p role="status" className="px-3 pt-2 text-xs text-zinc-600">No records match “{needle}”.</p> : null}
        {picking && !needle ? <p className="px-3 py-2 text-sm text-zinc-600">Type a name to find the record. Backspace goes back.</p> : null}
        {groups.map((g) => (
          <Command.Group key={g} heading={g} className="[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-zinc-600">
            {items
              .filter((i) => i.group === g)
              .map((item) => (
                <Command.Item key={item.key} value={item.key} onSelect={() => run(item)} className="flex cursor-pointer items-start gap-2 rounded px-3 py-2 text-sm data-[selected=true]:bg-indigo-50">
                  <ItemIcon item={item} />
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium text-zinc-900">{item.label}</p>
                    {item.snippet ? (
                      <p className="line-clamp-2 text-xs text-zinc-600">
                        <Snippet text={item.snippet} />
                      </p>
                    ) : null}
                  </div>
                </Command.Item>
              ))}
          </Command.Group>
        ))}
      </Command.List>
      <p className="border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600">↑ ↓ to move · Enter to run · Esc to close</p>
    </Command>
  );
}

function ItemIcon({ item }: { item: PaletteItem }) {
  const cls = 'mt-0.5 size-4 shrink-0 text-zinc-500';
  if (item.hit) return null;
  if (item.group === 'Create') return <FilePlus2 className={cls} aria-hidden="true" />;
  if (item.action.kind === 'log' || item.action.kind === 'pick-log') return <PhoneCall className={cls} aria-hidden="true" />;
  if (item.action.kind === 'assistant') return <MessageSquareText className={cls} aria-hidden="true" />;
  return <ArrowRight className={cls} aria-hidden="true" />;
}
