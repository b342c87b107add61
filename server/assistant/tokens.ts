// Conversation context counted in tokens for the chosen model, and the rule that folds older turns
// into the conversation summary when the recent ones would not fit the model's history budget.
//
// Counting: gpt-tokenizer (pure JS, MIT, pinned) with OpenAI's own encodings: o200k_base for
// GPT-4o / GPT-4.1 / GPT-5 / o-series, cl100k_base for GPT-4 and GPT-3.5. Claude has no exact offline
// tokenizer (Anthropic's @anthropic-ai/tokenizer only matches its pre-Claude-3 models; the exact count
// is their token-counting API, a network call per message): we approximate it as cl100k × 1.15, which
// over- rather than under-counts English prose. Gemini, OpenAI-compatible servers and the offline
// model get cl100k too: a consistent count is what the folding rule needs.
import type { ModelMessage } from 'ai';
import type { ProviderName } from './providers';

export type TokenCounter = (text: string) => number;

type Encoding = 'o200k_base' | 'cl100k_base';
const loaded = new Map<Encoding, TokenCounter>();

/** Loaded on first use: the encodings' tables cost a few MB and most chats never fold. */
async function encoding(name: Encoding): Promise<TokenCounter> {
  let counter = loaded.get(name);
  if (!counter) {
    const mod = name === 'o200k_base' ? await import('gpt-tokenizer/encoding/o200k_base') : await import('gpt-tokenizer/encoding/cl100k_base');
    counter = (text: string) => mod.countTokens(text);
    loaded.set(name, counter);
  }
  return counter;
}

/** Claude's tokens per cl100k token: an approximation (see the top of this file). */
export const CLAUDE_FACTOR = 1.15;

export async function tokenCounter(provider: ProviderName, model: string): Promise<TokenCounter> {
  if (provider === 'openai') {
    return encoding(/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o\d|chatgpt-4o)/.test(model) ? 'o200k_base' : 'cl100k_base');
  }
  const cl100k = await encoding('cl100k_base');
  if (provider === 'anthropic') return (text) => Math.ceil(cl100k(text) * CLAUDE_FACTOR);
  return cl100k;
}

/** Context windows in tokens (vendors' model pages); unknown models get a cautious 8k. */
export function contextWindow(provider: ProviderName, model: string): number {
  switch (provider) {
    case 'anthropic':
      return 200_000;
    case 'openai':
      if (/^gpt-4\.1/.test(model)) return 1_000_000;
      if (/^(gpt-5|o\d)/.test(model)) return 200_000;
      if (/^(gpt-4o|gpt-4-turbo|chatgpt-4o)/.test(model)) return 128_000;
      return 8_000;
    case 'google':
      return 1_000_000;
    case 'openai-compatible':
      return 8_000;
    case 'offline':
      return 8_000;
  }
}

/**
 * How many tokens of recent turns are replayed as they were: a quarter of the context window (the
 * rest is for the system prompt, the record in view, tool results and the answer), at most 32k so a
 * long chat with a 1M-token model stays cheap.
 */
export function historyBudget(provider: ProviderName, model: string): number {
  return Math.min(32_000, Math.floor(contextWindow(provider, model) / 4));
}

/** What a stored turn costs in the prompt: its text, tool calls and results; not earlier thinking. */
export function messageTokens(messages: ModelMessage[], count: TokenCounter): number {
  let total = 0;
  for (const m of messages) {
    total += 4; // role and framing
    if (typeof m.content === 'string') {
      total += count(m.content);
      continue;
    }
    for (const part of m.content) {
      // Anthropic drops thinking blocks of earlier turns from the context; they are not counted.
      if (part.type === 'reasoning') continue;
      if (part.type === 'text') total += count(part.text);
      else if (part.type === 'tool-call') total += count(part.toolName) + count(JSON.stringify(part.input ?? null));
      else if (part.type === 'tool-result') total += count(JSON.stringify(part.output ?? null));
      else total += count(JSON.stringify(part));
    }
  }
  return total;
}

export interface FoldRow {
  role: string;
  tokens: number;
}

/**
 * Splits rows (oldest first) into the ones to fold into the summary and the ones to replay: whole
 * turns (a user message and what answered it) from the newest back, while they fit `budget` tokens.
 * A turn never splits, so the replay always starts with a user message. Returns the index of the
 * first replayed row (0: replay everything; rows.length: fold everything).
 */
export function foldPoint(rows: FoldRow[], budget: number): number {
  let used = 0;
  let keepFrom = rows.length;
  let i = rows.length;
  while (i > 0) {
    // The turn that ends at i starts at the nearest user message before it.
    let start = i - 1;
    while (start > 0 && rows[start].role !== 'user') start--;
    const cost = rows.slice(start, i).reduce((n, r) => n + r.tokens, 0);
    if (used + cost > budget) break;
    used += cost;
    keepFrom = start;
    i = start;
  }
  return keepFrom;
}

/** The running summary kept within `budget` tokens: its oldest lines go first. */
export function trimSummary(lines: string[], budget: number, count: TokenCounter): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const cost = count(lines[i]) + 1;
    if (used + cost > budget) break;
    used += cost;
    kept.unshift(lines[i]);
  }
  return kept.join('\n');
}
