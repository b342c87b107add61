// The offline command model: a deterministic LanguageModelV4 that plugs into the same agent loop
// as a real provider, so the same tools, approvals and audit trail apply. Each step it reads the
// request (or the answer to its last question), picks the most confident reading from the
// grammar, and replays that intent's plan against this turn's tool results: the next tool call,
// a question with choices (ask_user), or the answer. It never claims to be an LLM.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import type { AskInput, OfflineFacts } from '../agent';
import { readDiscourse, type Discourse } from './discourse';
import type { Facts } from './extract';
import { CONFIDENT, readings, type ParseEnv, type Reading, type Vocabulary } from './grammar';
import './intents/talk';
import './intents/activity';
import './intents/change';
import './intents/create';
import './intents/remind';
import './intents/calendar';
import './intents/ask';
import './intents/insights';
import { helpText } from './intents/talk';
import { CANCEL, NotAllowed, Pending, Run, ToolFailed, type Reply, type ToolOutcome } from './run';
import { nameScore, norm } from './text';

export const OFFLINE_MODEL_ID = 'meridian-offline';
export { helpText };

type Step = { tool: string; input: Record<string, unknown> } | { text: string };

/** The user's latest message, this turn's tool results, and where the user message sits. */
function readPrompt(prompt: LanguageModelV4Prompt): { text: string; results: ToolOutcome[]; lastUser: number } {
  let lastUser = -1;
  prompt.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const user = prompt[lastUser];
  const text = user && user.role === 'user' ? user.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ') : '';
  const results: ToolOutcome[] = [];
  for (const m of prompt.slice(lastUser + 1)) {
    if (m.role !== 'tool') continue;
    for (const part of m.content) {
      if (part.type !== 'tool-result') continue;
      const out = part.output;
      const value =
        out.type === 'json' && out.value && typeof out.value === 'object' && !Array.isArray(out.value)
          ? (out.value as Record<string, unknown>)
          : out.type === 'error-text' || out.type === 'text'
            ? { error: out.value }
            : { error: 'the tool failed' };
      results.push({ toolName: part.toolName, value });
    }
  }
  return { text, results, lastUser };
}

/** Facts from the agent (providerOptions.meridian); the system prompt's user id as a fallback for old callers. */
function readFacts(options: LanguageModelV4CallOptions): Facts {
  const given = options.providerOptions?.meridian as unknown as OfflineFacts | undefined;
  const system = options.prompt.map((m) => (m.role === 'system' ? m.content : '')).join('\n');
  const userId = given?.userId ?? system.match(/current user's id is (\S+?)\.?(?:\s|$)/)?.[1] ?? '';
  return {
    userId,
    timezone: given?.timezone ?? 'UTC',
    currency: given?.currency ?? 'USD',
    now: given?.now ? new Date(given.now) : new Date(),
    ...(given?.context ? { context: given.context } : {}),
  };
}

const ORDINALS: Record<string, number> = { first: 0, '1st': 0, one: 0, '1': 0, second: 1, '2nd': 1, two: 1, '2': 1, third: 2, '3rd': 2, three: 2, '3': 2, fourth: 3, '4th': 3, '4': 3, fifth: 4, '5th': 4, '5': 4, last: -1 };

/** Which choice of the last question the message picks: its label, its number, "yes"/"no", or a unique name in it. */
export function matchChoice(text: string, ask: AskInput | undefined): AskInput['choices'][number] | undefined {
  if (!ask) return undefined;
  const t = norm(text).replace(/^(?:the|option|number|choice)\s+/, '').replace(/\s+(?:one|option|please)$/, '');
  const choices = ask.choices;
  const exact = choices.find((c) => norm(c.reply ?? c.label) === norm(text) || norm(c.label) === norm(text));
  if (exact) return exact;
  if (t in ORDINALS) return choices.at(ORDINALS[t]);
  const cancel = choices.find((c) => (c.answer as { cancel?: boolean } | undefined)?.cancel);
  if (/^(?:no|nope|cancel|stop|never ?mind|forget it|neither|none|no thanks|don t)$/.test(t) && cancel) return cancel;
  if (/^(?:yes|yep|yeah|sure|ok|okay|do it|go ahead|confirm|please do|y)$/.test(t) && choices.length === 2 && cancel && cancel !== choices[0]) return choices[0];
  const scored = choices.map((c) => ({ c, s: nameScore(text, c.label) })).filter((x) => x.s >= 0.85).sort((a, b) => b.s - a.s);
  if (scored.length === 1 || (scored.length > 1 && scored[0].s > scored[1].s)) return scored[0].c;
  return undefined;
}

export function plan(text: string, results: ToolOutcome[], tools: Set<string>, v: Vocabulary, facts: Facts, discourse: Discourse, memo = new Map<string, Reading[]>()): Step {
  let request = text;
  let resolved: Record<string, unknown> = {};
  const choice = matchChoice(text, discourse.pendingAsk);
  if (choice && discourse.pendingAsk?.request) {
    const answer = (choice.answer ?? {}) as Record<string, unknown>;
    if (answer.cancel) return { text: answer.done ? 'OK — no follow-up task.' : "OK, I've left everything as it was." };
    request = discourse.pendingAsk.request;
    resolved = { ...(discourse.pendingAsk.resolved ?? {}), ...answer };
  }
  const resources = (type: string) => Object.entries(v.plural).find(([word, t]) => t === type && !word.includes(' '))?.[0] ?? `${type}s`;
  const env: ParseEnv & { request: string; resources: (t: string) => string } = { v, facts, discourse, resolved, request, resources };
  // A turn replays its plan once per tool call: parse the request once per turn, not once per step.
  const key = `${request}\u0000${JSON.stringify(resolved)}`;
  const found = memo.get(key) ?? readings(request, env);
  memo.set(key, found);
  const best = found[0];
  const run = new Run(results, tools, env);
  try {
    if (!best) return { text: `Sorry, I didn't understand "${text}".\n\n${helpText(v)}` };
    if (best.parsed.confidence < CONFIDENT && resolved.confirmed !== best.spec.kind) {
      return run.ask(`I'm not sure I understood. Did you mean: ${best.parsed.gist}?`, [
        { label: `Yes, ${best.parsed.gist}`, answer: { confirmed: best.spec.kind } },
        { label: 'No', answer: CANCEL },
      ]);
    }
    const reply: Reply = best.spec.plan(best.parsed.intent, run);
    return { text: reply.text };
  } catch (e) {
    if (e instanceof Pending) return { tool: e.tool, input: e.input };
    if (e instanceof ToolFailed) return { text: `I couldn't do that: ${e.message}` };
    if (e instanceof NotAllowed) return { text: `You can't do that here: the ${e.tool.replace(/_/g, ' ')} action isn't available to your role.` };
    throw e;
  }
}

const tokens = (s: string) => Math.ceil(s.length / 4);

export function createOfflineModel(v: Vocabulary): LanguageModelV4 {
  // One model per turn (providers.ts builds it for each request), so this memo lives for one turn.
  const memo = new Map<string, Reading[]>();
  const generate = async (options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> => {
    const { text, results, lastUser } = readPrompt(options.prompt);
    const tools = new Set((options.tools ?? []).map((t) => t.name));
    const step = plan(text, results, tools, v, readFacts(options), readDiscourse(options.prompt, lastUser, v), memo);
    const content: LanguageModelV4Content[] =
      'tool' in step
        ? [{ type: 'tool-call', toolCallId: `offline-${crypto.randomUUID()}`, toolName: step.tool, input: JSON.stringify(step.input) }]
        : [{ type: 'text', text: step.text }];
    const out = 'tool' in step ? JSON.stringify(step.input) : step.text;
    return {
      content,
      finishReason: 'tool' in step ? { unified: 'tool-calls', raw: 'tool_calls' } : { unified: 'stop', raw: 'stop' },
      usage: {
        inputTokens: { total: tokens(JSON.stringify(options.prompt)), noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
        outputTokens: { total: tokens(out), text: tokens(out), reasoning: undefined },
      },
      warnings: [],
    };
  };
  return {
    specificationVersion: 'v4',
    provider: 'offline',
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    doGenerate: generate,
    async doStream(options) {
      const r = await generate(options);
      const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
      for (const c of r.content) {
        if (c.type === 'text') {
          parts.push({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: c.text }, { type: 'text-end', id: 't' });
        } else if (c.type === 'tool-call') parts.push(c);
      }
      parts.push({ type: 'finish', usage: r.usage, finishReason: r.finishReason });
      return {
        stream: new ReadableStream({
          start(controller) {
            for (const p of parts) controller.enqueue(p);
            controller.close();
          },
        }),
      };
    },
  };
}
