// The calendar: "schedule a meeting with Ada Lovelace on Friday at 3pm for an hour", "what's on my
// calendar this week?", "move my 3pm meeting to 4pm", "cancel the meeting with Ada on Friday"
// (cancelling goes through approval). Dates are chrono-node's, read in the user's time zone
// (extract.ts findDates); the tools are schedule_meeting, calendar_agenda, move_event and
// cancel_event (modules/events/events.tools.ts). Two meetings or two people that fit are asked about.
import { refOf } from '../discourse';
import { cut, findDates, findEmails, findPeriod, localDay, wallClock, type FoundDate } from '../extract';
import { registerIntent } from '../grammar';
import { CANCEL, type Reply, type Run } from '../run';
import { capitalize, listing, nameScore, stripName } from '../text';
import type { AgendaItem } from '../../../modules/events/agenda';
import { isRef } from './common';

const KIND = '(meeting|call|event|appointment|demo|lunch|catch-up|sync|session)';
const MEETING_WORD = new RegExp(`\\b${KIND}s?\\b`, 'i');
/** "delete the task Call Tom" is a task: a record word or a bare "call" after delete/remove is not a meeting. */
const OTHER_RECORD = /\b(?:task|deal|contact|company|lead|note|reminder|project|campaign|to-?do)s?\b/i;
const STRICT_MEETING = /\b(?:meeting|event|appointment|demo|lunch|catch-up|sync|session)s?\b/i;


const addDays = (day: string, n: number) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const hm = (iso: string, zone: string) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayLabel = (iso: string, zone: string) => new Date(iso).toLocaleDateString('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' });
const span = (start: string, end: string | null, zone: string) => `${dayLabel(start, zone)}, ${hm(start, zone)}${end ? `–${hm(end, zone)}` : ''}`;

/** "for an hour", "for 30 minutes", "for 1.5 hours", "for half an hour" → minutes. */
function duration(text: string): { minutes: number; index: number; length: number } | null {
  const m = /\bfor\s+(half\s+an|an?|one|two|three|\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)\b/i.exec(text);
  if (!m) return null;
  const words: Record<string, number> = { 'half an': 0.5, a: 1, an: 1, one: 1, two: 2, three: 3 };
  const n = words[m[1].toLowerCase().replace(/\s+/, ' ')] ?? Number(m[1]);
  const minutes = /^h/i.test(m[2]) ? n * 60 : n;
  return Number.isFinite(minutes) && minutes > 0 ? { minutes: Math.round(minutes), index: m.index, length: m[0].length } : null;
}

// ---------------------------------------------------------------------------------------------
// Scheduling.

interface Schedule {
  kind: string;
  rest: string;
}

registerIntent<Schedule>({
  kind: 'schedule',
  help: { topic: 'Calendar', examples: ['schedule a meeting with Ada Lovelace on Friday at 3pm for an hour', "what's on my calendar this week?", 'move my 3pm meeting to 4pm', 'cancel the meeting with Ada on Friday (asks for your approval first)'] },
  parse(u, env) {
    if (!env.v.types.includes('event')) return null;
    const m = new RegExp(`^(?:schedule|book|set up|arrange|plan|organi[sz]e|put in|create|new)\\s+(?:me\\s+)?(?:a\\s+|an\\s+)?(?:new\\s+)?${KIND}\\b\\s*(.*)$`, 'i').exec(u.text);
    if (!m) return null;
    return { intent: { kind: m[1].toLowerCase(), rest: m[2].trim() }, confidence: 0.9, gist: `schedule a ${m[1]} ${m[2]}` };
  },
  plan(s, run): Reply {
    if (!run.can('schedule_meeting')) return { text: "You can't do that here: scheduling meetings isn't available to your role." };
    const zone = run.facts.timezone;
    let rest = s.rest;
    const d = duration(rest);
    if (d) rest = cut(rest, [d]);
    const dates = findDates(rest, run.facts, { times: true });
    const date = dates.find((x) => x.time) ?? dates[0];
    if (!date) return { text: `When should the ${s.kind} be? E.g. "schedule a meeting with Ada Lovelace on Friday at 3pm for an hour".` };
    if (!date.time) return { text: `At what time on ${dayLabel(date.at, zone)}? E.g. "schedule a ${s.kind} with … on ${dayLabel(date.at, zone)} at 3pm".` };
    rest = cut(rest, [date]).replace(/\s+(?:on|at|for|by)(?=\s*(?:,|$)|\s+(?:with|about)\b)/gi, ' ').trim();
    const about = /\b(?:about|to discuss|regarding|re:?)\s+(.+)$/i.exec(rest);
    if (about) rest = rest.slice(0, about.index).trim();
    const quoted = /["“'‘](.+?)["”'’]/.exec(rest) ?? /\b(?:called|named)\s+(.+?)(?=\s+with\b|$)/i.exec(rest);
    if (quoted) rest = rest.replace(quoted[0], ' ').trim();
    const withWho = /\bwith\s+(.+)$/i.exec(rest);
    const names = withWho ? withWho[1].split(/\s*(?:,|\band\b|&)\s*/).map((n) => stripName(n.replace(/\s+(?:on|at|for)$/i, ''))).filter(Boolean) : [];

    const attendees: ({ type: 'contact' | 'member'; id: string } | string)[] = [];
    const shown: string[] = [];
    const members = names.length ? run.call<{ members: { userId: string; name: string; email: string }[] }>('list_members', {}).members : [];
    for (const [i, name] of names.entries()) {
      if (findEmails(name).length) {
        attendees.push(name.toLowerCase());
        shown.push(name);
        continue;
      }
      // A teammate typed in full is the teammate; anyone else is looked up among contacts (and asked about).
      const member = members.find((m) => nameScore(name, m.name) === 1 && m.userId !== run.facts.userId);
      if (member) {
        attendees.push({ type: 'member', id: member.userId });
        shown.push(member.name);
        continue;
      }
      const found = run.find(name, ['contact'], `attendee${i}`);
      if (!isRef(found)) {
        const near = members.filter((m) => nameScore(name, m.name) >= 0.85 && m.userId !== run.facts.userId);
        if (near.length === 1) {
          attendees.push({ type: 'member', id: near[0].userId });
          shown.push(near[0].name);
          continue;
        }
        return found;
      }
      attendees.push({ type: 'contact', id: found.id });
      shown.push(found.title);
    }
    const noun = capitalize(s.kind);
    const title = quoted ? quoted[1].trim() : `${noun}${shown.length ? ` with ${listing(shown)}` : ''}${about ? ` about ${about[1].trim()}` : ''}`;
    const row = run.call('schedule_meeting', { title, start: date.at, durationMinutes: d?.minutes ?? 60, timezone: zone, attendees });
    return { text: `Scheduled ${run.link(refOf('event', row))} on ${span(String(row.startsAt), (row.endsAt as string | null) ?? null, zone)} (${zone})${shown.length ? ` with ${listing(shown)}` : ''}.` };
  },
});

// ---------------------------------------------------------------------------------------------
// The agenda.

registerIntent<{ text: string }>({
  kind: 'agenda',
  parse(u, env) {
    if (!env.v.types.includes('event')) return null;
    const t = u.lower;
    if (/\b(?:tasks?|deals?|to-?dos?|leads?|contacts?|pipeline)\b/.test(t)) return null;
    const calendar = /\b(?:calendar|agenda|schedule|diary)\b/.test(t) && /^(?:what|whats|what's|show|list|how|do i|is there|anything|read|give|check|open)\b/.test(t) && !/^(?:schedule)\b/.test(t);
    const meetings = /^(?:what|whats|what's|show|list|which|do i have|any)\b.*\b(?:meetings|events|appointments)\b/.test(t) || /^what(?:'s| is)\s+on\b/.test(t) || /^what do i have\s+(?:on\s+)?(?:today|tomorrow|this|next|on)\b/.test(t);
    if (!calendar && !meetings) return null;
    return { intent: { text: u.text }, confidence: 0.88, gist: 'show your calendar' };
  },
  plan(a, run): Reply {
    const zone = run.facts.timezone;
    const period = findPeriod(a.text, run.facts);
    const day = findDates(a.text, run.facts).find((x) => x.dayGiven);
    const today = localDay(run.facts.now, zone);
    const range = period ?? (day ? { from: day.day, to: day.day, label: `on ${dayLabel(day.at, zone)}` } : { from: today, to: addDays(today, 6), label: 'in the next 7 days' });
    const r = run.call<{ items: AgendaItem[]; total: number }>('calendar_agenda', { from: range.from, to: range.to, timezone: zone });
    if (!r.items.length) return { text: `Nothing on your calendar ${range.label} (${zone}).` };
    const lines = r.items.map((i) => `- ${i.type === 'task' ? `${dayLabel(i.start, zone)}, due ${hm(i.start, zone)}: task` : `${span(i.start, i.end, zone)}:`} ${run.link({ type: i.type, id: i.id, title: i.title })}${i.attendees?.length ? ` (with ${listing(i.attendees)})` : ''}`);
    const events = r.items.filter((i) => i.type === 'event').length;
    const tasks = r.items.length - events;
    const counts = [events ? `${events} event${events === 1 ? '' : 's'}` : '', tasks ? `${tasks} task${tasks === 1 ? '' : 's'} due` : ''].filter(Boolean).join(' and ');
    return { text: `Your calendar ${range.label} (${zone}): ${counts}.\n${lines.join('\n')}${r.total > r.items.length ? `\n…and ${r.total - r.items.length} more.` : ''}` };
  },
});

// ---------------------------------------------------------------------------------------------
// Finding one meeting: "my 3pm meeting", "the meeting with Ada on Friday", "the Acme demo".

interface Picked {
  id: string;
  title: string;
  start: string;
  end: string | null;
  seriesId: string | null;
  occurrenceStart: string | null;
}

function findMeeting(run: Run, phrase: string): Picked | Reply {
  const settled = run.resolved.meeting as Picked | undefined;
  if (settled?.id) return settled;
  const zone = run.facts.timezone;
  const dates = findDates(phrase, run.facts, { times: true });
  const date = dates[0] as FoundDate | undefined;
  let rest = cut(phrase, dates);
  const withWho = /\bwith\s+(.+?)(?=\s+(?:on|at|about)\b|$)/i.exec(rest);
  if (withWho) rest = rest.replace(withWho[0], ' ');
  const words = rest
    .toLowerCase()
    .replace(MEETING_WORD, ' ')
    .replace(/\b(?:my|the|our|a|an|on|at|this|next|today|tomorrow|for)\b/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1);
  const today = localDay(run.facts.now, zone);
  const from = date?.dayGiven ? date.day : today;
  const to = date?.dayGiven ? date.day : addDays(today, 13);
  const { items } = run.call<{ items: AgendaItem[] }>('calendar_agenda', { from, to, timezone: zone, includeTasks: false });
  const wantedTime = date?.time ? `${String(date.time.hour).padStart(2, '0')}:${String(date.time.minute).padStart(2, '0')}` : null;
  const fits = items.filter((i) => {
    if (i.type !== 'event') return false;
    if (wantedTime && hm(i.start, zone) !== wantedTime) return false;
    const text = `${i.title} ${(i.attendees ?? []).join(' ')}`;
    if (withWho && !(i.attendees ?? []).some((a) => nameScore(withWho[1], a) >= 0.75) && nameScore(withWho[1], i.title) < 0.5 && !text.toLowerCase().includes(withWho[1].toLowerCase())) return false;
    return words.every((w) => text.toLowerCase().includes(w));
  });
  const picked = (i: AgendaItem): Picked => ({ id: i.id, title: i.title, start: i.start, end: i.end, seriesId: i.seriesId, occurrenceStart: i.occurrenceStart });
  if (fits.length === 1) return picked(fits[0]);
  const what = stripName(phrase) || 'that meeting';
  if (fits.length === 0) return { text: `I found no meeting matching "${what}" on your calendar ${date?.dayGiven ? `on ${dayLabel(date.at, zone)}` : 'in the next two weeks'}.` };
  return run.ask(`You have ${fits.length} meetings that match "${what}". Which one do you mean?`, [
    ...fits.slice(0, 6).map((i) => ({ label: `${i.title} — ${span(i.start, i.end, zone)}`, answer: { meeting: picked(i) } })),
    { label: 'Cancel', answer: CANCEL },
  ]);
}

const isPicked = (x: Picked | Reply): x is Picked => 'id' in x;
/** The move_event / cancel_event address of an occurrence: a series' occurrence by its start, any other event by its id. */
const address = (p: Picked) => (p.seriesId && p.seriesId === p.id && p.occurrenceStart ? { id: p.id, occurrence: p.occurrenceStart } : { id: p.id });

// ---------------------------------------------------------------------------------------------
// Moving.

registerIntent<{ target: string; to: string }>({
  kind: 'move-event',
  parse(u, env) {
    if (!env.v.types.includes('event')) return null;
    const m = /^(move|reschedule|push|shift|change|bump)\s+(.+?)\s+(?:to|until|till|for)\s+(.+)$/i.exec(u.text);
    if (!m || OTHER_RECORD.test(m[2]) || !(/^reschedule$/i.test(m[1]) ? MEETING_WORD : STRICT_MEETING).test(m[2])) return null;
    return { intent: { target: m[2], to: m[3] }, confidence: 0.9, gist: `move ${m[2]} to ${m[3]}` };
  },
  plan(mv, run): Reply {
    if (!run.can('move_event')) return { text: "You can't do that here: moving events isn't available to your role." };
    const zone = run.facts.timezone;
    const when = findDates(mv.to, run.facts, { times: true })[0];
    if (!when) return { text: `I couldn't read "${mv.to}" as a time. E.g. "move my 3pm meeting to 4pm" or "… to Friday at 10".` };
    const meeting = findMeeting(run, mv.target);
    if (!isPicked(meeting)) return meeting;
    // "to 4pm": the same day at 4pm; "to Friday": Friday at the same time; "to Friday at 10": that.
    const day = when.dayGiven ? when.day : localDay(new Date(meeting.start), zone);
    const [h, mi] = when.time ? [when.time.hour, when.time.minute] : hm(meeting.start, zone).split(':').map(Number);
    const start = wallClock(day, h, mi, zone);
    const row = run.call('move_event', { ...address(meeting), start, timezone: zone });
    return { text: `Moved ${run.link(refOf('event', row))} to ${span(String(row.startsAt), (row.endsAt as string | null) ?? null, zone)} (${zone}).` };
  },
});

// ---------------------------------------------------------------------------------------------
// Cancelling (approval first).

registerIntent<{ target: string }>({
  kind: 'cancel-event',
  parse(u, env) {
    if (!env.v.types.includes('event')) return null;
    const m = /^(cancel|call off|delete|remove|drop|scrap)\s+(.+)$/i.exec(u.text);
    if (!m || OTHER_RECORD.test(m[2]) || !(/^(?:cancel|call off)$/i.test(m[1]) ? MEETING_WORD : STRICT_MEETING).test(m[2])) return null;
    return { intent: { target: m[2] }, confidence: 0.9, gist: `cancel ${m[2]}` };
  },
  plan(c, run): Reply {
    if (!run.can('cancel_event')) return { text: "You can't do that here: cancelling events isn't available to your role." };
    const meeting = findMeeting(run, c.target);
    if (!isPicked(meeting)) return meeting;
    const r = run.call('cancel_event', address(meeting));
    if (r.status === 'pending_approval') return { text: `This needs your approval: **${String(r.summary)}**. Approve or reject it below; nothing has changed yet. (${run.link({ type: 'event', id: meeting.seriesId ?? meeting.id, title: meeting.title })})` };
    return { text: `Cancelled ${meeting.title}.` };
  },
});
