// The offline model's grammar: a registry of intents. Each intent reads a request into typed
// slots with a confidence (parse) and carries it out through tools (plan). The calendar and other
// features add their own phrasings with registerIntent(); the order of the registry only breaks
// ties between equally confident readings.
//
// No library parses free-form CRM commands into typed intents without a model; what libraries
// can do — names, dates, phones, amounts — extract.ts delegates to compromise, chrono-node,
// libphonenumber-js and contracts/money.ts.
import type { Discourse, RecordRef } from './discourse';
import type { Facts } from './extract';
import type { Reply, Run } from './run';
import { clean } from './text';

/** Entity words users type → entity type. Built from the registered entities (providers.ts). */
export interface Vocabulary {
  types: string[];
  plural: Record<string, string>;
}

export interface Utterance {
  /** As typed. */
  raw: string;
  /** Without politeness, final punctuation and typos in command words; names keep their case. */
  text: string;
  lower: string;
}

export interface ParseEnv {
  v: Vocabulary;
  facts: Facts;
  discourse: Discourse;
  /** What answers to earlier questions already settled for this request (see run.ts ask). */
  resolved: Record<string, unknown>;
}

/** Below this a reading is not acted on: the model asks whether it understood. */
export const CONFIDENT = 0.7;

export interface Parsed<I = unknown> {
  intent: I;
  confidence: number;
  /** One line saying what would be done, for "Did you mean …?" when unsure. */
  gist: string;
}

export interface IntentSpec<I = any> {
  kind: string;
  parse(u: Utterance, env: ParseEnv): Parsed<I> | null;
  plan(intent: I, run: Run): Reply;
  /** Shown by "help", grouped by topic. */
  help?: { topic: string; examples: string[] };
}

const registry: IntentSpec[] = [];

export function registerIntent<I>(spec: IntentSpec<I>): void {
  if (registry.some((s) => s.kind === spec.kind)) throw new Error(`intent ${spec.kind} registered twice`);
  registry.push(spec as IntentSpec);
}

export function intents(): readonly IntentSpec[] {
  return registry;
}

export function utterance(raw: string): Utterance {
  const text = clean(raw);
  return { raw, text, lower: text.toLowerCase() };
}

export interface Reading {
  spec: IntentSpec;
  parsed: Parsed;
}

/** Every reading of the request, most confident first. */
export function readings(raw: string, env: ParseEnv): Reading[] {
  const u = utterance(raw);
  const out: Reading[] = [];
  for (const spec of registry) {
    let parsed: Parsed | null = null;
    try {
      parsed = spec.parse(u, env);
    } catch {
      parsed = null; // a parser that trips over odd input has simply not understood it
    }
    if (parsed) out.push({ spec, parsed });
  }
  return out.sort((a, b) => b.parsed.confidence - a.parsed.confidence);
}

export type { RecordRef };
