// "help" (examples by topic, from every registered intent), and a polite word back for
// "thanks" and "good morning" instead of "I didn't understand".
import { intents, registerIntent, type Vocabulary } from '../grammar';

const TOPICS = ['Contacts and companies', 'Deals and pipeline', 'Tasks', 'Calendar', 'Notes, calls and meetings', 'Finding things', 'Changing records'];

export function helpText(v: Vocabulary, topic?: string): string {
  const byTopic = new Map<string, string[]>();
  for (const spec of intents()) {
    if (!spec.help) continue;
    byTopic.set(spec.help.topic, [...(byTopic.get(spec.help.topic) ?? []), ...spec.help.examples]);
  }
  const order = [...TOPICS.filter((t) => byTopic.has(t)), ...[...byTopic.keys()].filter((t) => !TOPICS.includes(t))];
  const wanted = topic ? order.filter((t) => t.toLowerCase().includes(topic.toLowerCase()) || byTopic.get(t)!.some((e) => e.toLowerCase().includes(topic.toLowerCase()))) : order;
  const shown = wanted.length ? wanted : order;
  const sections = shown.map((t) => `**${t}**\n${byTopic.get(t)!.map((e) => `- ${e}`).join('\n')}`);
  return [
    "I'm the offline command model: no AI provider is configured, so I follow everyday commands like these (when something is unclear I ask before changing anything):",
    ...sections,
    '**Follow-ups**\n- "and her phone is +1 555 0100", "the second one", "that deal"; on a record page, "this contact" or "here"',
    `Record types here: ${v.types.join(', ')}. An admin can connect Anthropic, OpenAI, Google or any OpenAI-compatible model in Settings → AI.`,
  ].join('\n\n');
}

registerIntent<{ topic?: string }>({
  kind: 'help',
  parse(u) {
    const m = /^(?:help|\?|commands|what can you do|what do you understand|how do i use (?:this|you)|examples)(?:\s+(?:with|on|for|about)?\s*(.+))?$/i.exec(u.text);
    return m ? { intent: { topic: m[1] }, confidence: 0.95, gist: 'show help' } : null;
  },
  plan(h, run) {
    return { text: helpText(run.env.v, h.topic) };
  },
});

registerIntent<{ kind: 'thanks' | 'hello' | 'bye' }>({
  kind: 'smalltalk',
  parse(u) {
    const t = u.lower.replace(/[!.,]+/g, '').trim();
    if (/^(?:thanks?|thank you(?: so much| very much)?|thx|ty|cheers|great|perfect|awesome|nice|cool|ok|okay|got it|good job|well done)$/.test(t)) return { intent: { kind: 'thanks' }, confidence: 0.95, gist: 'say thanks' };
    if (/^(?:hi|hello|hey|good (?:morning|afternoon|evening)|morning|yo)(?: there)?$/.test(t)) return { intent: { kind: 'hello' }, confidence: 0.95, gist: 'say hello' };
    if (/^(?:bye|goodbye|see you|later|cya)$/.test(t)) return { intent: { kind: 'bye' }, confidence: 0.95, gist: 'say bye' };
    return null;
  },
  plan(s) {
    if (s.kind === 'thanks') return { text: "You're welcome! Anything else?" };
    if (s.kind === 'bye') return { text: 'Bye! Your changes are saved.' };
    return { text: 'Hello! Tell me what to do — e.g. "add Jane Doe from Acme as a contact" or "how much is in my pipeline?" — or type **help** for more.' };
  },
});
