// Reminders: "remind me to call Bob tomorrow at 10", "set a reminder to renew the licence on
// Friday", "new reminder: send the deck in 2 hours". The time is read by chrono-node in the user's
// time zone (extract.ts findDates); without one the reminder is for 9:00 tomorrow — what a
// calendar app proposes — and the reply says so. The reply links the reminder made.
import { refOf } from '../discourse';
import { cut, findDates, tzOffset } from '../extract';
import { registerIntent } from '../grammar';
import type { Reply } from '../run';
import { capitalize } from '../text';

interface Remind {
  rest: string;
}

const PATTERNS = [
  /^remind\s+me\s+(?:to\s+|about\s+|of\s+|that\s+)?(.+)$/i,
  /^(?:set|add|create|make|new)\s+(?:me\s+)?(?:a\s+)?reminder(?:\s*:\s*|\s+(?:to|for|about|that)\s+|\s+)(.+)$/i,
  /^reminder\s*:\s*(.+)$/i,
];

/** 09:00 tomorrow in `timezone`, as an instant. */
function tomorrowMorning(now: Date, timezone: string): string {
  const day = new Date(now.getTime() + 86400_000).toLocaleDateString('en-CA', { timeZone: timezone });
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, 9);
  return new Date(guess - tzOffset(timezone, new Date(guess)) * 60_000).toISOString();
}

function when(at: string, timezone: string) {
  return new Date(at).toLocaleString('en-GB', { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

registerIntent<Remind>({
  kind: 'remind',
  help: { topic: 'Tasks', examples: ['remind me to call Bob tomorrow at 10', 'set a reminder to renew the licence on Friday at 9am'] },
  parse(u, env) {
    if (!env.v.types.includes('reminder')) return null;
    for (const re of PATTERNS) {
      const m = re.exec(u.text);
      if (m) return { intent: { rest: m[1].trim() }, confidence: 0.92, gist: `set a reminder "${m[1].trim()}"` };
    }
    return null;
  },
  plan(r, run): Reply {
    if (!run.can('create_reminder')) return { text: "You can't do that here: creating reminders isn't available to your role." };
    const { timezone } = run.facts;
    const dates = findDates(r.rest, run.facts);
    const date = dates[0];
    // A time said without a day ("at 4pm") is still a time: chrono gives today (or tomorrow once past).
    const at = date?.at ?? tomorrowMorning(run.facts.now, timezone);
    const title = capitalize(
      cut(r.rest, dates.slice(0, 1))
        .replace(/\s+(?:on|at|by|in|for)\s*$/i, '')
        .replace(/\s{2,}/g, ' ')
        .replace(/[\s,.;:-]+$/, '')
        .trim(),
    );
    if (!title) return { text: 'What should I remind you of? E.g. "remind me to call Bob tomorrow at 10".' };
    const row = run.call('create_reminder', { title, remindAt: at });
    const assumed = date ? '' : ' (no time was given, so I picked tomorrow morning — change it on the reminder)';
    return { text: `I'll remind you: ${run.link(refOf('reminder', row))} — ${when(at, timezone)} (${timezone})${assumed}.` };
  },
});
