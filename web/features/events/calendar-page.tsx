// /calendar: month, week, day and agenda views (FullCalendar) of GET /calendar for the visible
// range — events (series expanded by the server), tasks by due date and, when asked, deals by
// expected close. Drag or resize an event to move it (one occurrence of a series asks "this event
// or all"); click or drag on empty time to create one; click an event to edit it. Times are in the
// chosen time zone (the browser's by default, kept per browser), through FullCalendar's luxon plugin.
//
// CSP: FullCalendar 6 injects its CSS at run time into a <style data-fullcalendar> element. The
// server's policy allows inline style elements (style-src 'self' 'unsafe-inline', server/app.ts, for
// React/Radix element styles), and e2e/calendar.test.ts checks in Chromium that the calendar is
// styled under the real headers; scripts stay 'self' only (FullCalendar needs no eval).
import type { DateSelectArg, EventClickArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventResizeDoneArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { DateTime } from 'luxon';
import { Plus } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { CalendarItem, Event } from '../../../contracts/events';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/misc';
import { Select } from '../../components/ui/input';
import { api, errorMessage } from '../../lib/api';
import { cn } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { patchEvent, refreshCalendar, shiftSeries, useCalendarFeed } from './calendar.queries';
import { EventFormDialog, type EventDraft, type EventFormDialogProps } from './event-form';
import { browserZone, fromLocal, ZONES } from './event-time';
import { useScopeQuestion } from './scope-dialog';

const ZONE_KEY = 'meridian.calendar.zone';
const SHOW_KEY = 'meridian.calendar.show';
const phone = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 639px)').matches;

function stored<T>(key: string, fallback: T): T {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}
const store = (key: string, v: unknown) => localStorage.setItem(key, JSON.stringify(v));

/** A feed item as FullCalendar's event: all-day items as dates of their own zone, events editable. */
function toInput(item: CalendarItem, editable: boolean): EventInput {
  const day = (iso: string | null) => (iso ? DateTime.fromISO(iso).setZone(item.timezone ?? 'UTC').toISODate() : null);
  return {
    id: `${item.type}:${item.id}:${item.occurrenceStart ?? ''}`,
    title: item.type === 'deal' ? `Close: ${item.title}` : item.title,
    start: item.allDay ? day(item.start)! : item.start,
    end: item.allDay ? day(item.end) ?? undefined : item.end ?? undefined,
    allDay: item.allDay,
    editable: editable && item.type === 'event',
    classNames: [`mc-${item.type}`, ...(item.status === 'done' || item.status === 'won' || item.status === 'lost' ? ['mc-done'] : [])],
    extendedProps: { item },
  };
}

// FullCalendar resets its options when a prop is a new object, which drops a drag in progress:
// every object option is one constant.
const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, luxonPlugin];
const TOOLBAR = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,timeGridDay,listWeek' };
const PHONE_TOOLBAR = { left: 'prev,next today', center: '', right: 'title' };
const PHONE_FOOTER = { center: 'listWeek,timeGridDay,dayGridMonth' };
const BUTTON_TEXT = { today: 'Today', month: 'Month', week: 'Week', day: 'Day', list: 'Agenda' };
const BUTTON_HINTS = { prev: 'Previous $0', next: 'Next $0', today: 'This $0' };
const SCROLL_TIME = '08:00:00';
const VIEWS = { listWeek: { buttonText: 'Agenda' }, dayGridMonth: { dayMaxEvents: 4 } };

type Editing = Pick<EventFormDialogProps, 'event' | 'occurrence'> | { draft: EventDraft } | null;

export function CalendarPage() {
  const me = useMe();
  const editable = canEdit(me.role);
  const navigate = useNavigate();
  const [zone, setZone] = useState(() => stored(ZONE_KEY, browserZone()));
  const [show, setShow] = useState(() => stored(SHOW_KEY, { tasks: true, deals: false }));
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const include = [...(show.tasks ? ['tasks'] : []), ...(show.deals ? ['deals'] : [])];
  const feed = useCalendarFeed(range, include);
  const scope = useScopeQuestion();
  const [small] = useState(phone);
  const [view, setView] = useState(small ? 'listWeek' : 'timeGridWeek');
  // The time grids fill the window and scroll inside; month and agenda grow with their content.
  const grid = view.startsWith('timeGrid');
  const ref = useRef<FullCalendar>(null);
  // A time grid's height is set once its view is known (after FullCalendar drew it at the top): scroll to the morning.
  useEffect(() => {
    if (grid) ref.current?.getApi().scrollToTime(SCROLL_TIME);
  }, [grid, view]);
  // FullCalendar's prev/next icons are <span role="img"> without a name inside buttons named by their
  // title ("Previous week"): hide the icons from assistive technology (axe: role-img-alt), also when
  // FullCalendar redraws its toolbar.
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const hide = () => root.querySelectorAll('.fc-icon[role="img"]:not([aria-hidden])').forEach((el) => el.setAttribute('aria-hidden', 'true'));
    hide();
    const watch = new MutationObserver(hide);
    watch.observe(root, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, []);
  const events = useMemo(() => (feed.data ?? []).map((i) => toInput(i, editable)), [feed.data, editable]);

  const toggle = (k: 'tasks' | 'deals') => {
    const next = { ...show, [k]: !show[k] };
    setShow(next);
    store(SHOW_KEY, next);
  };

  /** An instant (ISO) of a FullCalendar date string: "2026-12-15T14:00:00+01:00", or a day "2026-12-15" in `z`. */
  const instant = (s: string, allDay: boolean, z: string) => (allDay ? fromLocal(s.slice(0, 10), z)! : new Date(s).toISOString());

  async function onMove(info: EventDropArg | EventResizeDoneArg) {
    const item = info.event.extendedProps.item as CalendarItem;
    const z = item.timezone ?? zone;
    const allDay = info.event.allDay;
    const startsAt = instant(info.event.startStr, allDay, z);
    const endsAt = info.event.endStr ? instant(info.event.endStr, allDay, z) : allDay ? fromLocal(DateTime.fromISO(info.event.startStr.slice(0, 10)).plus({ days: 1 }).toISODate()!, z) : null;
    const body = { startsAt, endsAt, allDay };
    try {
      if (item.seriesId && item.seriesId === item.id && item.occurrenceStart) {
        const answer = await scope.question('change');
        if (!answer) return info.revert();
        if (answer === 'this') await patchEvent(item.id, body, item.occurrenceStart);
        else {
          const oldStart = instant(info.oldEvent.startStr, info.oldEvent.allDay, z);
          const oldEnd = info.oldEvent.endStr ? instant(info.oldEvent.endStr, info.oldEvent.allDay, z) : oldStart;
          await shiftSeries(item.id, Date.parse(startsAt) - Date.parse(oldStart), Date.parse(endsAt ?? startsAt) - Date.parse(oldEnd), { allDay });
        }
      } else {
        await patchEvent(item.id, body);
      }
      toast.success(`Moved ${item.title}`);
    } catch (e) {
      info.revert();
      toast.error(errorMessage(e));
    } finally {
      void refreshCalendar();
    }
  }

  async function onClick(info: EventClickArg) {
    info.jsEvent.preventDefault();
    const item = info.event.extendedProps.item as CalendarItem;
    if (item.type !== 'event' || !editable) return navigate(item.recordPath);
    try {
      const row = (await api<{ data: Event }>(`/events/${item.id}`)).data;
      const occurrence = item.seriesId === item.id && item.occurrenceStart ? { start: item.occurrenceStart, startsAt: item.start, endsAt: item.end } : undefined;
      setEditing({ event: row, occurrence });
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  function onSelect(info: DateSelectArg) {
    info.view.calendar.unselect();
    if (!editable) return;
    const startsAt = instant(info.startStr, info.allDay, zone);
    const endsAt = instant(info.endStr, info.allDay, zone);
    setEditing({ draft: { startsAt, endsAt, allDay: info.allDay } });
  }

  const newEvent = () => {
    const start = DateTime.now().setZone(zone).plus({ hours: 1 }).startOf('hour');
    setEditing({ draft: { startsAt: start.toUTC().toISO()!, endsAt: start.plus({ hours: 1 }).toUTC().toISO()! } });
  };

  return (
    <>
      <PageHeader title="Calendar" description="Meetings, tasks due and deals closing." actions={editable ? <Button onClick={newEvent}><Plus aria-hidden="true" /> New event</Button> : null} />
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <legend className="sr-only">Show on the calendar</legend>
          <label className="flex items-center gap-2"><input type="checkbox" className="size-4 rounded border-zinc-300" checked={show.tasks} onChange={() => toggle('tasks')} /> Tasks</label>
          <label className="flex items-center gap-2"><input type="checkbox" className="size-4 rounded border-zinc-300" checked={show.deals} onChange={() => toggle('deals')} /> Deal close dates</label>
        </fieldset>
        <label className="flex min-w-0 items-center gap-2 sm:ml-auto">
          <span className="shrink-0 text-zinc-600">Time zone</span>
          <Select className="h-8 w-auto min-w-0 max-w-56 py-1" value={zone} onChange={(e) => { setZone(e.target.value); store(ZONE_KEY, e.target.value); }}>
            {ZONES.map((z) => <option key={z} value={z}>{z}</option>)}
          </Select>
        </label>
      </div>
      {feed.error ? <div className="mb-3"><ErrorState error={feed.error} onRetry={() => feed.refetch()} /></div> : null}
            <Card ref={box} className={cn('mc-calendar p-2 sm:p-4', grid && 'h-[calc(100vh-6rem)] min-h-[28rem] sm:h-[calc(100vh-15rem)] sm:min-h-[30rem]')} aria-busy={feed.isFetching && !feed.data ? true : undefined}>
        <FullCalendar
          plugins={PLUGINS}
          timeZone={zone}
          initialView={small ? 'listWeek' : 'timeGridWeek'}
          headerToolbar={small ? PHONE_TOOLBAR : TOOLBAR}
          footerToolbar={small ? PHONE_FOOTER : undefined}
          buttonText={BUTTON_TEXT}
          buttonHints={BUTTON_HINTS}
          views={VIEWS}
          height={grid ? '100%' : 'auto'}
          ref={ref}
          scrollTime={SCROLL_TIME}
          nowIndicator
          navLinks
          selectable={editable}
          selectMirror
          editable={editable}
          eventInteractive
          dayMaxEvents
          events={events}
          datesSet={(d) => {
            setView(d.view.type);
            setRange((r) => (r?.from === d.startStr && r?.to === d.endStr ? r : { from: d.startStr, to: d.endStr }));
          }}
          select={onSelect}
          eventClick={(i) => void onClick(i)}
          eventDrop={(i) => void onMove(i)}
          eventResize={(i) => void onMove(i)}
          eventDidMount={({ el, event }) => {
            // The selection's mirror (a drag on empty time) is an event without an item.
            const item = event.extendedProps.item as CalendarItem | undefined;
            if (!item) return;
            el.setAttribute('title', `${item.type === 'event' ? 'Event' : item.type === 'task' ? 'Task' : 'Deal closing'}: ${item.title}`);
          }}
        />
      </Card>
      {editing ? (
        <EventFormDialog
          open
          onOpenChange={(open) => !open && setEditing(null)}
          zone={zone}
          stay
          allowDelete
          {...('draft' in editing ? { draft: editing.draft } : editing)}
        />
      ) : null}
      {scope.dialog}
    </>
  );
}
