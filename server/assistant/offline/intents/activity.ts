// Notes on any record ("add a note to Globex: …") and logged calls, emails and meetings ("log a
// call with Jane — she wants a demo next week", "I emailed Bob the proposal", "had a meeting
// with Acme about renewal"), with the follow-up task the text implies offered, not created.
import { findDates } from '../extract';
import { registerIntent, type ParseEnv } from '../grammar';
import { CANCEL, type Reply, type Run } from '../run';
import { capitalize } from '../text';
import { RECORD_TYPES, hinted, isRef } from './common';

interface Note {
  target?: string;
  body: string;
}

const SEP = '(?:\\s*[:—–]\\s*|\\s+-\\s+|\\s+(?:saying|that says|that|to say)\\s+)';

registerIntent<Note>({
  kind: 'note',
  help: { topic: 'Notes, calls and meetings', examples: ['add a note to Globex: they want to renew early', 'note on Tom Baker: prefers email'] },
  parse(u, env) {
    if (!env.v.types.includes('note')) return null;
    const t = u.text;
    const m =
      new RegExp(`^(?:(?:add|put|leave|write|make|attach|create|post)\\s+(?:a\\s+|an\\s+)?(?:new\\s+|quick\\s+)?)?note\\s+(?:to|on|for|about|in)\\s+(.+?)${SEP}([\\s\\S]+)$`, 'i').exec(t) ??
      new RegExp(`^(?:jot down|note down|write down|remember)\\s+(?:for|on|about)\\s+(.+?)(?:\\s+that|\\s*:|\\s*,)\\s+([\\s\\S]+)$`, 'i').exec(t);
    if (m) return { intent: { target: m[1].trim(), body: m[2].trim() }, confidence: 0.9, gist: `add a note to ${m[1]}` };
    const here = new RegExp(`^(?:(?:add|put|leave|write|make)\\s+(?:a\\s+|an\\s+)?(?:new\\s+|quick\\s+)?)?note(?:\\s+(?:here|to this \\w+|on this \\w+))?${SEP}([\\s\\S]+)$`, 'i').exec(t);
    if (here) return { intent: { body: here[1].trim() }, confidence: env.facts.context || env.discourse.recent.length ? 0.85 : 0.5, gist: 'add a note' };
    return null;
  },
  plan(n, run) {
    const target = n.target ? run.find(hinted(n.target, run.env.v, RECORD_TYPES).name, hinted(n.target, run.env.v, RECORD_TYPES).types) : run.context() ?? run.env.discourse.recent.find((r) => RECORD_TYPES.includes(r.type)) ?? { text: 'Which record should the note go on? E.g. "add a note to Globex: …".' };
    if (!isRef(target)) return target;
    run.call('add_note', { recordType: target.type, recordId: target.id, body: n.body });
    return { text: `Added a note to ${run.link(target)}.` };
  },
});

// ---------------------------------------------------------------------------------------------

interface Log {
  type: 'call' | 'email' | 'meeting';
  target?: string;
  summary: string;
}

/** How people say they called, emailed or met someone; `who` is the person/company, the rest is what happened. */
const LOGS: { type: Log['type']; re: RegExp }[] = [
  { type: 'call', re: /^(?:log|record|add)\s+(?:a\s+|an\s+)?(?:phone\s+)?call\s+(?:with|to|from)\s+(?<who>.+?)(?<rest>(?:\s*[:—–,]|\s+-\s+|\s+about\s+|\s+re:?\s+|\s+regarding\s+).*)?$/i },
  { type: 'email', re: /^(?:log|record|add)\s+(?:a\s+|an\s+)?e-?mail\s+(?:with|to|from)\s+(?<who>.+?)(?<rest>(?:\s*[:—–,]|\s+-\s+|\s+about\s+|\s+re:?\s+|\s+regarding\s+).*)?$/i },
  { type: 'meeting', re: /^(?:log|record|add)\s+(?:a\s+|an\s+)?meeting\s+(?:with|at)\s+(?<who>.+?)(?<rest>(?:\s*[:—–,]|\s+-\s+|\s+about\s+|\s+re:?\s+|\s+regarding\s+).*)?$/i },
  { type: 'call', re: /^(?:log|record)\s+(?:a\s+|an\s+)?(?:phone\s+)?call\s+(?<here>here|on this \w+)(?<rest>\s*[:—–,-].*)?$/i },
  { type: 'meeting', re: /^(?:log|record)\s+(?:a\s+|an\s+)?meeting\s+(?<here>here|on this \w+)(?<rest>\s*[:—–,-].*)?$/i },
  { type: 'email', re: /^(?:log|record)\s+(?:a\s+|an\s+)?e-?mail\s+(?<here>here|on this \w+)(?<rest>\s*[:—–,-].*)?$/i },
  { type: 'call', re: /^(?:i\s+|we\s+|just\s+)*(?:called|phoned|rang|rung|spoke to|spoke with|talked to|talked with|had a call with|got off the phone with|was on the phone with|got a call from|had a chat with)\s+(?<who>.+?)(?<rest>(?:\s*[:—–,;.]|\s+-\s+|\s+(?:about|re|regarding|and|on the phone|by phone|who|he|she|they)\b).*)?$/i },
  { type: 'email', re: /^(?:i\s+|we\s+|just\s+)*(?:emailed|e-mailed|mailed|sent an e-?mail to|sent a mail to|wrote to|got an e-?mail from|replied to)\s+(?<who>[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)?)(?<rest>.*)$/iu },
  { type: 'meeting', re: /^(?:i\s+|we\s+|just\s+)*(?:had|held|did|finished)\s+(?:a\s+|an\s+|the\s+|our\s+)?(?:\w+\s+)?(?:meeting|demo|call)\s+with\s+(?<who>.+?)(?<rest>(?:\s*[:—–,;.]|\s+-\s+|\s+(?:about|re|regarding|on|to discuss|today|yesterday|this)\b).*)?$/i },
  { type: 'meeting', re: /^(?:i\s+|we\s+|just\s+)*(?:met with|met)\s+(?<who>.+?)(?<rest>(?:\s*[:—–,;.]|\s+-\s+|\s+(?:about|re|regarding|to discuss|today|yesterday|and)\b).*)?$/i },
  { type: 'meeting', re: /^(?:the\s+|our\s+)?meeting with\s+(?<who>.+?)(?<rest>\s+(?:today|yesterday|this morning|this afternoon|went|was|is)\b.*)$/i },
];

function spokenPhone(rest: string) {
  return /\bon the phone\b|\bby phone\b|\bphoned\b/i.test(rest);
}

function parseLog(text: string, env: ParseEnv): { log: Log; confidence: number } | null {
  for (const l of LOGS) {
    const m = l.re.exec(text);
    if (!m?.groups) continue;
    const who = m.groups.who?.trim().replace(/[,;:.]+$/, '');
    let rest = (m.groups.rest ?? '').replace(/^\s*(?:[:—–,;.]|-)\s*/, '').trim();
    let type = l.type;
    if (type === 'call' && /^(?:spoke|talked|had a chat)/i.test(text) && !spokenPhone(text) && /\bmeet|in person\b/i.test(text)) type = 'meeting';
    rest = rest.replace(/^(?:on the phone|by phone)\s*[,;:-]?\s*/i, '');
    // Notes after a separator ("— she wants a demo") are the summary, as typed; otherwise the whole sentence is.
    const separated = /^\s*(?:[:—–,;.]|-)/.test(m.groups.rest ?? '') || /^(?:about|re|regarding)\b/i.test(rest);
    const summary = capitalize(separated && rest ? rest : text);
    if (!who && !m.groups.here) continue;
    if (who && /^(?:him|her|them)$/i.test(who) && !env.discourse.recent.length && !env.facts.context) continue;
    return { log: { type, target: m.groups.here ? undefined : who, summary }, confidence: /^(?:log|record)/i.test(text) ? 0.9 : 0.8 };
  }
  return null;
}

/** What the text says should happen next, as a task to offer: "wants a demo next week" → Demo, due then. */
function followUp(log: Log, name: string, run: Run): { title: string; dueAt?: string; label: string } | null {
  const s = log.summary;
  const want = /\b(?:wants?|needs?|asked for|requested|would like|interested in)\s+(?:a\s+|an\s+|the\s+)?([\w\s-]+?)(?=[,.;]|\s+(?:next|by|on|this|tomorrow|in)\b|$)/i.exec(s);
  const todo = /\b(?:follow up|call (?:him|her|them) back|call back|send (?:him|her|them)\s+[\w\s-]+?|get back to (?:him|her|them))(?=[,.;]|\s+(?:next|by|on|this|tomorrow|in)\b|$)/i.exec(s);
  const dates = findDates(s, run.facts);
  if (!want && !todo && !dates.length) return null;
  const title = want ? `${capitalize(want[1].trim())} for ${name}` : todo ? `${capitalize(todo[0].replace(/\b(?:him|her|them)\b/i, name))}` : `Follow up with ${name}`;
  const due = dates[0];
  const when = due ? new Date(due.at).toLocaleDateString('en-US', { timeZone: run.facts.timezone, weekday: 'short', month: 'short', day: 'numeric' }) : undefined;
  return { title, ...(due ? { dueAt: due.at } : {}), label: `Add task: ${title}${when ? ` (due ${when})` : ''}` };
}

registerIntent<Log>({
  kind: 'log',
  help: { topic: 'Notes, calls and meetings', examples: ['log a call with Jane — she wants a demo next week', 'I emailed Bob the proposal', 'had a meeting with Acme about renewal', 'log a call here: discussed renewal terms'] },
  parse(u, env) {
    if (/\b(?:schedule|set up|book|arrange|plan)\b/i.test(u.text)) return null; // future meetings belong to the calendar
    const r = parseLog(u.text, env);
    return r ? { intent: r.log, confidence: r.confidence, gist: `log a ${r.log.type}${r.log.target ? ` with ${r.log.target}` : ''}` } : null;
  },
  plan(l, run) {
    const done = run.resolved.logged as { type: string; id: string; title: string } | undefined;
    if (done) {
      // The follow-up offered after logging was accepted.
      const task = run.resolved.followUp as { title: string; dueAt?: string } | undefined;
      if (!task) return { text: 'OK.' };
      const row = run.call('create_task', { title: task.title, ...(task.dueAt ? { dueAt: task.dueAt } : {}), assigneeId: run.facts.userId, relatedType: done.type, relatedId: done.id, type: 'follow_up' });
      return { text: `Added task ${run.link({ type: 'task', id: String(row.id), title: String(row.title) })}${row.dueAt ? ` due ${String(row.dueAt).slice(0, 10)}` : ''}.` };
    }
    // People and companies are who one calls, emails and meets; a deal only when named as one.
    const h = l.target ? hinted(l.target, run.env.v, ['contact', 'company', 'lead']) : undefined;
    const target = h ? run.find(h.name, h.types) : run.context() ?? { text: `Who was the ${l.type} with? E.g. "log a ${l.type} with Jane Smith: …".` };
    if (!isRef(target)) return target;
    if (!run.can('log_activity')) return { text: "You can't log activities here: your role can only read." };
    run.call('log_activity', { type: l.type, relatedType: target.type, relatedId: target.id, summary: l.summary });
    const text = `Logged ${l.type === 'email' ? 'an email' : `a ${l.type}`} with ${run.link(target)}: ${l.summary}`;
    const next = followUp(l, target.title.split(' ')[0], run);
    if (!next || !run.can('create_task')) return { text };
    const asked = run.ask(`${text}\n\nShall I add a follow-up task?`, [
      { label: next.label, answer: { logged: { type: target.type, id: target.id, title: target.title }, followUp: { title: next.title, ...(next.dueAt ? { dueAt: next.dueAt } : {}) } } },
      { label: 'No thanks', answer: { ...CANCEL, done: true } },
    ]);
    return asked;
  },
});

export type { Reply };
