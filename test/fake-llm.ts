// A local HTTP server that speaks LLM vendors' wire formats with scripted answers: OpenAI
// chat-completions (JSON and SSE streaming), OpenAI embeddings and Anthropic messages (JSON and SSE
// streaming, with extended-thinking blocks and their signatures). The only
// fakes we allow, at the network edge we cannot reach.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Scripted =
  /** `thinking`: Anthropic only, a thinking block (signed, see thinkingSignature) before the answer. */
  | { toolCalls: { name: string; args: Record<string, unknown> }[]; thinking?: string }
  | { text: string; thinking?: string }
  | { status: number; body: unknown; headers?: Record<string, string> }
  | { hang: true };

/** A script step may depend on the request (e.g. read ids out of the tool results sent back). */
export type Step = Scripted | ((request: Record<string, unknown>) => Scripted);

export interface FakeLlm {
  url: string;
  requests: Record<string, unknown>[];
  script: (...steps: Step[]) => void;
  /** Drops scripted answers nobody asked for (so they cannot leak into the next test). */
  reset: () => void;
  /** POST …/embeddings answers with deterministic vectors, or with this error while it is set. */
  embeddings: { dimensions: number; fail: (status: number | null, body?: unknown) => void };
  close: () => Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: Step[] = [];
  const requests: Record<string, unknown>[] = [];
  const hung: ServerResponse[] = [];
  let seq = 0;
  let embeddingFailure: { status: number; body: unknown } | null = null;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    requests.push({ path: req.url, headers: req.headers, ...body });
    if (req.url?.endsWith('/embeddings')) {
      if (embeddingFailure) {
        res.writeHead(embeddingFailure.status, { 'content-type': 'application/json' }).end(JSON.stringify(embeddingFailure.body));
        return;
      }
      const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        object: 'list',
        data: input.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(String(text)) })),
        model: body.model,
        usage: { prompt_tokens: input.length * 4, total_tokens: input.length * 4 },
      }));
      return;
    }
    const next = queue.shift() ?? { text: 'No more scripted answers.' };
    const step = typeof next === 'function' ? next(body) : next;
    if ('hang' in step) {
      hung.push(res);
      return;
    }
    if ('status' in step) {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(JSON.stringify(step.body));
      return;
    }
    const id = ++seq;
    if (req.url?.endsWith('/messages')) return anthropic(res, body, step, id);
    return openai(res, body, step, id);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...steps) => queue.push(...steps),
    reset: () => {
      queue.length = 0;
      embeddingFailure = null;
    },
    embeddings: {
      dimensions: FAKE_EMBEDDING_DIMENSIONS,
      fail: (status, body = { error: { message: 'scripted failure', type: 'invalid_request_error' } }) => {
        embeddingFailure = status === null ? null : { status, body };
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hung) r.destroy();
        server.close(() => resolve());
      }),
  };
}

const usage = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };

export const FAKE_EMBEDDING_DIMENSIONS = 16;

/** A deterministic unit vector of the text's words (hashed into 16 buckets): equal texts, equal vectors. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)) {
    let h = 2166136261;
    for (const ch of word) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    v[(h >>> 0) % FAKE_EMBEDDING_DIMENSIONS] += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function openai(res: ServerResponse, body: Record<string, unknown>, step: Exclude<Scripted, { status: number } | { hang: true }>, id: number) {
  const toolCalls = 'toolCalls' in step
    ? step.toolCalls.map((t, i) => ({ index: i, id: `call_${id}_${i}`, type: 'function', function: { name: t.name, arguments: JSON.stringify(t.args) } }))
    : undefined;
  const finish = toolCalls ? 'tool_calls' : 'stop';
  const base = { id: `chatcmpl-${id}`, created: Math.floor(Date.now() / 1000), model: body.model };
  if (!body.stream) {
    const message = toolCalls ? { role: 'assistant', content: null, tool_calls: toolCalls.map(({ index: _i, ...t }) => t) } : { role: 'assistant', content: (step as { text: string }).text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
  const chunk = (delta: unknown, finish_reason: string | null = null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason }] });
  send(chunk({ role: 'assistant', content: '' }));
  if (toolCalls) send(chunk({ tool_calls: toolCalls }));
  else for (const word of (step as { text: string }).text.split(/(?<= )/)) send(chunk({ content: word }));
  send(chunk({}, finish));
  send({ ...base, object: 'chat.completion.chunk', choices: [], usage });
  res.end('data: [DONE]\n\n');
}

/** The signature the fake gives a thinking block; a real one is opaque and must come back unchanged. */
export function thinkingSignature(thinking: string): string {
  return `sig-${Buffer.from(thinking).toString('base64url')}`;
}

function anthropic(res: ServerResponse, body: Record<string, unknown>, step: Exclude<Scripted, { status: number } | { hang: true }>, id: number) {
  type Block = { type: 'thinking'; thinking: string; signature: string } | { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };
  const answer: Block[] = 'toolCalls' in step
    ? step.toolCalls.map((t, i) => ({ type: 'tool_use' as const, id: `toolu_${id}_${i}`, name: t.name, input: t.args }))
    : [{ type: 'text' as const, text: step.text }];
  const content: Block[] = [...(step.thinking ? [{ type: 'thinking' as const, thinking: step.thinking, signature: thinkingSignature(step.thinking) }] : []), ...answer];
  const stopReason = 'toolCalls' in step ? 'tool_use' : 'end_turn';
  const message = { id: `msg_${id}`, type: 'message', role: 'assistant', model: body.model };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...message, content, stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 42, output_tokens: 7 } }));
    return;
  }
  // The Messages API's server-sent events: message_start, per block start / deltas / stop, message_delta, message_stop.
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (type: string, o: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...o })}\n\n`);
  send('message_start', { message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 42, output_tokens: 1 } } });
  content.forEach((block, index) => {
    if (block.type === 'thinking') {
      send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const piece of block.thinking.split(/(?<= )/)) send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
      send('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } });
    } else if (block.type === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const piece of block.text.split(/(?<= )/)) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    } else {
      send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    send('content_block_stop', { index });
  });
  send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 7 } });
  send('message_stop', {});
  res.end();
}
