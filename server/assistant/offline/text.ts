// Small text helpers for the offline model: cleaning what people type (politeness, punctuation,
// typos in command words) and comparing names the way people abbreviate them ("Tom" for Tom Baker).

/** Words the grammar keys on; a typo of one of them (one edit, words of five letters or more) is read as the word. */
const KEYWORDS = [
  'contact', 'contacts', 'company', 'companies', 'account', 'accounts', 'create', 'delete', 'remove', 'update', 'change',
  'meeting', 'meetings', 'pipeline', 'proposal', 'negotiation', 'qualification', 'complete', 'finish', 'finished', 'reassign',
  'called', 'emailed', 'customer', 'customers', 'prospect', 'archive', 'project', 'projects', 'opportunity', 'summary',
  'phone', 'email', 'title', 'industry', 'amount', 'priority', 'status', 'overdue', 'tasks', 'deals', 'leads', 'notes',
];

/** Damerau–Levenshtein distance, capped (we only care whether it is 0, 1 or 2). */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return Math.min(d[a.length][b.length], cap);
}

function fixWord(w: string): string {
  const lower = w.toLowerCase();
  if (lower.length < 5 || KEYWORDS.includes(lower) || !/^[a-z]+$/.test(lower)) return w;
  const near = KEYWORDS.filter((k) => Math.abs(k.length - lower.length) <= 1 && editDistance(k, lower, 2) === 1);
  return near.length === 1 ? near[0] : w;
}

const POLITE_START = /^(?:(?:hey|hi|ok|okay|so|please|pls|plz|kindly|quickly|also|and then|then)\b[\s,]*|(?:can|could|would|will) you(?: please)?\s+|i(?:'d| would) like (?:you )?to\s+|i (?:want|need) (?:you )?to\s+|(?:go ahead and|let's|lets)\s+)+/i;
const POLITE_END = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|for me|asap|now))+$/i;

/** The request with politeness, trailing punctuation and command-word typos removed; names keep their case. */
export function clean(input: string): string {
  let t = input.replace(/\s+/g, ' ').trim();
  t = t.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
  t = t.replace(/[.!?]+$/, '').trim();
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(POLITE_START, '').replace(POLITE_END, '').replace(/[.!?]+$/, '').trim();
    if (t === before) break;
  }
  // Only where commands are (the first words): later words are the user's content ("contract").
  return t
    .split(' ')
    .map((w, i) => {
      const m = /^([A-Za-z]+)([,:;]?)$/.exec(w);
      return m && i < 3 ? fixWord(m[1]) + m[2] : w;
    })
    .join(' ');
}

export const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9@.+ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const tokens = (s: string) => norm(s).split(' ').filter(Boolean);
const FILLER = new Set(['the', 'a', 'an', 'for', 'to', 'with', 'of', 'on', 'at', 'about', 'and', 'my', 'our', 'this', 'that']);
const content = (ws: string[]) => {
  const c = ws.filter((w) => !FILLER.has(w));
  return c.length ? c : ws;
};

/** Drops quotes and filler around a name the user typed: "the 'Acme' deal" → Acme. */
export function stripName(s: string): string {
  return s
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/^(?:the|a|an|our|my|this|that)\s+/i, '')
    .replace(/[.,;:!?]+$/, '')
    .trim();
}

/**
 * How well a record's title answers a name the user typed, 0…1: 1 exact, 0.85 when every word
 * typed starts a word of the title in order ("Tom" → Tom Baker, "Acme" → Acme Corp), 0.6 for one
 * typo per word, less otherwise.
 */
export function nameScore(typed: string, title: string): number {
  if (tokens(typed).join(' ') === tokens(title).join(' ') && tokens(typed).length) return 1;
  const a = content(tokens(typed));
  const b = content(tokens(title));
  if (a.length === 0 || b.length === 0) return 0;
  if (a.join(' ') === b.join(' ')) return 0.95;
  let j = 0;
  let prefixHits = 0;
  for (const w of a) {
    while (j < b.length && !b[j].startsWith(w)) j++;
    if (j === b.length) break;
    prefixHits++;
    j++;
  }
  if (prefixHits === a.length && a.every((w) => w.length >= 2)) {
    // Whole words count more than prefixes ("Acme" in Acme Corp beats "Ac").
    const whole = a.filter((w) => b.includes(w)).length === a.length;
    return whole ? 0.85 : 0.75;
  }
  const fuzzy = a.filter((w) => b.some((x) => w.length >= 4 && editDistance(w, x, 2) <= 1)).length;
  if (fuzzy === a.length) return 0.6;
  return (prefixHits + fuzzy) / (2 * a.length) * 0.5;
}

export const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "a, b and c" */
export function listing(items: string[], and = 'and') {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
