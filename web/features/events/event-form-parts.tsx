// The event form's compound fields: who is invited (contacts and members through one combobox),
// how it repeats (presets or a custom RRULE) and its reminders (minutes before, in-app / email).
import { Plus, User, UserRound, X } from 'lucide-react';
import type { Attendee, EventCreate } from '../../../contracts/events';
import { REMINDER_CHANNELS, type EventReminder } from '../../../contracts/reminders';
import { Combobox, type ComboOption } from '../../components/combobox';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { useMembers } from '../../lib/members';
import { contactName } from '../contacts/contact-picker';
import { useContacts } from '../contacts/contacts.queries';

type AttendeeIn = NonNullable<EventCreate['attendees']>[number];

// ── Attendees ──────────────────────────────────────────────────────────────────
function useAttendeeResults(q: string, open: boolean) {
  const contacts = useContacts({ q: q || undefined, limit: 10, sort: 'name' }, { enabled: open });
  const members = useMembers();
  const needle = q.toLowerCase();
  const people: ComboOption[] = (members.data ?? [])
    .filter((m) => !needle || m.name.toLowerCase().includes(needle) || m.email.toLowerCase().includes(needle))
    .map((m) => ({ value: `member:${m.userId}`, label: m.name, detail: 'Member', icon: <UserRound /> }));
  const found: ComboOption[] = (contacts.data?.data ?? []).map((c) => ({ value: `contact:${c.id}`, label: contactName(c), detail: c.email ?? c.company?.name ?? 'Contact', icon: <User /> }));
  return { options: [...people, ...found], loading: contacts.isFetching || members.isFetching, error: contacts.error };
}

export function AttendeesField({ id, value, onChange }: { id?: string; value: AttendeeIn[]; onChange: (next: AttendeeIn[]) => void }) {
  return (
    <div className="space-y-2">
      {value.length ? (
        <ul aria-label="Attendees" className="flex flex-wrap gap-1.5">
          {value.map((a) => (
            <li key={`${a.type}:${a.id}`} className="inline-flex max-w-full items-center gap-1 rounded-full border border-zinc-200 bg-zinc-50 py-0.5 pl-2.5 pr-1 text-sm">
              {a.type === 'member' ? <UserRound className="size-3.5 shrink-0 text-zinc-500" aria-hidden="true" /> : <User className="size-3.5 shrink-0 text-zinc-500" aria-hidden="true" />}
              <span className="truncate">{a.name ?? a.email ?? 'Attendee'}</span>
              <button type="button" className="rounded-full p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900" aria-label={`Remove ${a.name ?? 'attendee'}`} onClick={() => onChange(value.filter((x) => !(x.type === a.type && x.id === a.id)))}>
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Combobox
        id={id}
        aria-label="Add attendee"
        value={null}
        selectedLabel={null}
        noneLabel="Add a contact or member…"
        allowNone={false}
        searchLabel="Search contacts and members"
        listLabel="People"
        placeholder="Search people…"
        icon={<Plus />}
        useResults={useAttendeeResults}
        emptyText={(q) => (q ? `Nobody matches “${q}”` : 'Type to search contacts')}
        onChange={(o) => {
          if (!o) return;
          const [type, aid] = o.value.split(':') as ['contact' | 'member', string];
          if (value.some((a) => a.type === type && a.id === aid)) return;
          onChange([...value, { type, id: aid, name: o.label }]);
        }}
      />
    </div>
  );
}

/** What a saved attendee list looks like in the form (names kept, responses kept). */
export const attendeesIn = (list: Attendee[] | undefined): AttendeeIn[] => (list ?? []).map((a) => ({ ...a }));

// ── Recurrence ─────────────────────────────────────────────────────────────────
export const REPEATS = { none: 'Does not repeat', daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', yearly: 'Yearly', custom: 'Custom (RRULE)' } as const;
export type Repeat = keyof typeof REPEATS;
const PRESET: Record<Exclude<Repeat, 'none' | 'custom'>, string> = { daily: 'FREQ=DAILY', weekly: 'FREQ=WEEKLY', monthly: 'FREQ=MONTHLY', yearly: 'FREQ=YEARLY' };

/** A saved rule as the select's choice and the custom text. */
export function repeatOf(rule: string | null | undefined): { repeat: Repeat; rrule: string } {
  const r = (rule ?? '').replace(/^RRULE:/i, '').trim();
  if (!r) return { repeat: 'none', rrule: '' };
  const preset = (Object.entries(PRESET) as [Repeat, string][]).find(([, v]) => v === r.toUpperCase());
  return preset ? { repeat: preset[0], rrule: '' } : { repeat: 'custom', rrule: r };
}

/** The rule to save for a choice (null: a single event). */
export function ruleOf(repeat: Repeat, rrule: string): string | null {
  if (repeat === 'none') return null;
  if (repeat === 'custom') return rrule.trim() || null;
  return PRESET[repeat];
}

// ── Reminders ──────────────────────────────────────────────────────────────────
const BEFORE = [0, 5, 10, 15, 30, 60, 120, 1440, 2880, 10080];
const beforeLabel = (m: number) => (m === 0 ? 'At the start' : m < 60 ? `${m} minutes before` : m < 1440 ? `${m / 60} hour${m === 60 ? '' : 's'} before` : m < 10080 ? `${m / 1440} day${m === 1440 ? '' : 's'} before` : '1 week before');
const CHANNEL_LABEL = { in_app: 'In app', email: 'Email' } as const;

export function RemindersField({ value, onChange, error }: { value: EventReminder[]; onChange: (next: EventReminder[]) => void; error?: string }) {
  const set = (i: number, r: EventReminder) => onChange(value.map((x, j) => (j === i ? r : x)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-zinc-800">Reminders</legend>
      {value.map((r, i) => (
        <div key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <Select aria-label={`Reminder ${i + 1}: when`} className="basis-full sm:w-56 sm:basis-auto" value={r.minutesBefore} onChange={(e) => set(i, { ...r, minutesBefore: Number(e.target.value) })}>
            {[...new Set([...BEFORE, r.minutesBefore])].sort((a, b) => a - b).map((m) => <option key={m} value={m}>{BEFORE.includes(m) ? beforeLabel(m) : `${m} minutes before`}</option>)}
          </Select>
          {REMINDER_CHANNELS.map((c) => (
            <label key={c} className="flex items-center gap-1.5 text-sm text-zinc-700">
              <input
                type="checkbox"
                className="size-4 rounded border-zinc-300"
                checked={r.channels.includes(c)}
                onChange={(e) => set(i, { ...r, channels: e.target.checked ? [...r.channels, c] : r.channels.filter((x) => x !== c) })}
              />
              {CHANNEL_LABEL[c]}
            </label>
          ))}
          <Button variant="ghost" size="icon" aria-label={`Remove reminder ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <X />
          </Button>
        </div>
      ))}
      {error ? <p className="text-xs text-red-600" role="alert">{error}</p> : null}
      {value.length < 5 ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            const free = BEFORE.find((m) => m >= 10 && !value.some((r) => r.minutesBefore === m)) ?? 0;
            onChange([...value, { minutesBefore: free, channels: ['in_app'] }]);
          }}
        >
          <Plus aria-hidden="true" /> Add reminder
        </Button>
      ) : null}
    </fieldset>
  );
}

/** A custom RRULE's text box. */
export function RruleInput(props: React.ComponentProps<typeof Input>) {
  return <Input placeholder="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10" autoComplete="off" spellCheck={false} {...props} />;
}
