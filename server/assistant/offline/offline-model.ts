// The offline command model: a deterministic LanguageModelV4 that plugs into the same agent loop
// as a real provider, so the same tools, approvals and audit trail apply. It reads the user's
// command, calls tools one step at a time, and answers from their results. It never claims to be
// an LLM: its replies say what it did, and "help" lists what it understands.
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { parse, type Intent, type Vocabulary } from './grammar';

export const OFFLINE_MODEL_ID = 'meridian-offline';

interface ToolOutcome {
  toolName: string;
  value: Record<string, unknown>;
}
type Step = { tool: string; input: Record<string, unknown> } | { text: string };

export function helpText(v: Vocabulary): string {
  const kinds = v.types.join(', ');
  return [
    "I'm the offline command model: no AI provider is configured, so I follow commands like these:",
    '- **add contact** Ada Lovelace, CTO at Acme, ada@acme.com',
    '- **new company** Initech in software, initech.com',
    '- **show contacts at** Acme · **list customer companies** · **find contacts named** Ada',
    "- **set** Ada Lovelace's title **to** CEO · **change company** Acme's industry **to** fintech",
    "- **what do we know about** Acme?",
    '- **delete contact** Ada Lovelace (asks for your approval first)',
    ...(v.types.includes('note') ? ['- **note on** Ada Lovelace**:** met at the conference'] : []),
    ...(v.types.includes('task')
      ? ['- **show my tasks due this week** · **what\'s overdue?** · **add task** Call Ada tomorrow · **complete task** Call Ada']
      : []),
    ...(v.types.includes('deal')
      ? ['- **new deal** Acme expansion, 12000 · **move the** Acme **deal to** negotiation · **move** Acme **to lost, because** price · **pipeline summary**']
      : []),
    ...(v.types.includes('lead') ? ['- **add lead** Grace Hopper, CTO at Navy, grace@navy.test · **convert lead** Grace Hopper'] : []),
    `Record types here: ${kinds}. An admin can connect Anthropic, OpenAI, Google or any OpenAI-compatible model in Settings → AI.`,
  ].join('\n');
}

/** Tool results come back wrapped as quoted data ({quotedData}); unwrap for reading. */
function data(o: ToolOutcome | undefined): Record<string, unknown> | undefined {
  if (!o) return undefined;
  return (o.value.quotedData as Record<string, unknown> | undefined) ?? o.value;
}
function failure(o: ToolOutcome | undefined): string | undefined {
  if (!o) return undefined;
  if (typeof o.value.error === 'string') return o.value.error;
  return undefined;
}
const link = (row: Record<string, unknown>, resource: string) =>
  `[${String(row.fullName || row.name || row.title || row.email || row.id)}](/${resource}/${String(row.id)})`;

function pendingText(o: ToolOutcome): string {
  return `This needs your approval: **${String(o.value.summary)}**. Approve or reject it below; nothing has changed yet.`;
}

/** The record a command names: tries each type's list tool in turn. */
function resolveTarget(
  name: string,
  types: string[],
  done: (tool: string) => ToolOutcome | undefined,
  tools: Set<string>,
  listTool: (type: string) => string,
  resource: (type: string) => string,
): Step | { type: string; row: Record<string, unknown> } {
  for (const type of types) {
    const found = done(listTool(type));
    if (!found) {
      if (tools.has(listTool(type))) return { tool: listTool(type), input: { q: name, limit: 5 } };
      continue;
    }
    const rows = (data(found)?.[resource(type).replace(/-/g, '_')] as Record<string, unknown>[]) ?? [];
    if (rows.length === 1) return { type, row: rows[0] };
    if (rows.length > 1) {
      const exact = rows.filter((r) => String(r.fullName ?? r.name ?? r.title ?? '').toLowerCase() === name.toLowerCase());
      if (exact.length === 1) return { type, row: exact[0] };
      return { text: `More than one ${type} matches "${name}": ${rows.map((r) => link(r, resource(type))).join(', ')}. Which one?` };
    }
  }
  return { text: `I found nothing called "${name}".` };
}

const isStep = (x: Step | { type: string; row: Record<string, unknown> }): x is Step => 'tool' in x || 'text' in x;

function dueText(row: Record<string, unknown>) {
  return row.dueAt ? ` — due ${String(row.dueAt).slice(0, 10)}` : '';
}

export function plan(intent: Intent, results: ToolOutcome[], tools: Set<string>, v: Vocabulary, me?: string): Step {
  const resource = (type: string) => Object.entries(v.plural).find(([, t]) => t === type)?.[0] ?? `${type}s`;
  const listTool = (type: string) => `list_${resource(type).replace(/-/g, '_')}`;
  const done = (name: string) => results.find((r) => r.toolName === name);
  const lastResult = results[results.length - 1];
  const err = failure(lastResult);
  if (err) return { text: `I couldn't do that: ${err}` };
  if (lastResult?.value.status === 'pending_approval') return { text: pendingText(lastResult) };
  const missing = (name: string): Step | undefined =>
    tools.has(name) ? undefined : { text: `You can't do that here: the ${name.replace(/_/g, ' ')} action isn't available to your role.` };

  switch (intent.kind) {
    case 'help':
      return { text: helpText(v) };
    case 'unknown':
      return { text: `Sorry, I didn't understand "${intent.text}".\n\n${helpText(v)}` };

    case 'create': {
      const createTool = `create_${intent.entity}`;
      if (missing(createTool)) return missing(createTool)!;
      const fields = { ...intent.fields };
      if (intent.companyName && intent.entity === 'contact') {
        const found = done('list_companies');
        if (!found) return { tool: 'list_companies', input: { q: intent.companyName, limit: 5 } };
        const companies = (data(found)?.companies as Record<string, unknown>[]) ?? [];
        const exact = companies.find((c) => String(c.name).toLowerCase() === intent.companyName!.toLowerCase()) ?? companies[0];
        const madeCompany = done('create_company');
        if (!exact && !madeCompany) return { tool: 'create_company', input: { name: intent.companyName } };
        fields.companyId = (exact ?? data(madeCompany))!.id;
      }
      if (intent.entity === 'task' && me && fields.assigneeId === undefined) fields.assigneeId = me;
      const created = done(createTool);
      if (!created) return { tool: createTool, input: fields };
      const row = data(created)!;
      const extra = intent.entity === 'contact' && row.company ? ` at ${(row.company as { name: string }).name}` : '';
      const made = done('create_company') ? ` I also created the company ${link(data(done('create_company'))!, 'companies')}.` : '';
      return { text: `Created ${intent.entity} ${link(row, resource(intent.entity))}${extra}.${made}` };
    }

    case 'list': {
      const tool = listTool(intent.entity);
      if (missing(tool)) return missing(tool)!;
      const filter = { ...intent.filter };
      if (intent.companyName) {
        const found = done('list_companies');
        if (!found) return { tool: 'list_companies', input: { q: intent.companyName, limit: 1 } };
        const company = ((data(found)?.companies as Record<string, unknown>[]) ?? [])[0];
        if (!company) return { text: `I found no company matching "${intent.companyName}".` };
        filter.companyId = company.id;
      }
      const listed = done(tool);
      if (!listed) return { tool, input: { q: intent.q, filter: Object.keys(filter).length ? filter : undefined, limit: 10 } };
      const d = data(listed)!;
      const rows = (d[resource(intent.entity).replace(/-/g, '_')] as Record<string, unknown>[]) ?? [];
      if (rows.length === 0) return { text: `No ${resource(intent.entity)} match.` };
      const lines = rows.map((r) => `- ${link(r, resource(intent.entity))}${r.title ? ` — ${String(r.title)}` : ''}${r.company ? ` at ${(r.company as { name: string }).name}` : ''}`);
      return { text: `Found ${String(d.total)} ${resource(intent.entity)}${Number(d.total) > rows.length ? ` (showing ${rows.length})` : ''}:\n${lines.join('\n')}` };
    }

    case 'about': {
      const found = done('search');
      if (!found) return { tool: 'search', input: { query: intent.query } };
      const hits = (data(found)?.hits as { type: string; title: string; url: string; snippet: string }[]) ?? [];
      if (hits.length === 0) return { text: `We have nothing on "${intent.query}" yet.` };
      const lines = hits.slice(0, 8).map((h) => `- **${h.type}** [${h.title}](${h.url})${h.snippet ? ` — ${h.snippet}` : ''}`);
      return { text: `Here is what we have on "${intent.query}":\n${lines.join('\n')}\n\nSources: ${hits.slice(0, 8).map((h) => h.url).join(', ')}` };
    }

    case 'update':
    case 'delete': {
      const types = intent.entity ? [intent.entity] : v.types.filter((t) => t !== 'note');
      const target = resolveTarget(intent.target, types, done, tools, listTool, resource);
      if (isStep(target)) return target;
      const tool = `${intent.kind}_${target.type}`;
      if (missing(tool)) return missing(tool)!;
      const acted = done(tool);
      if (!acted) {
        if (intent.kind === 'delete') return { tool, input: { id: target.row.id } };
        const field = intent.field === 'name' && target.type === 'contact' ? 'firstName' : intent.field === 'name' && target.type === 'task' ? 'title' : intent.field;
        return { tool, input: { id: target.row.id, [field]: intent.value } };
      }
      if (intent.kind === 'delete') return { text: `Deleted ${target.type} ${link(target.row, resource(target.type))}. You can undo it from its timeline.` };
      return { text: `Updated ${link(data(acted)!, resource(target.type))}: ${intent.field} is now ${JSON.stringify(intent.value)}.` };
    }

    case 'note': {
      if (missing('add_note')) return missing('add_note')!;
      const types = v.types.filter((t) => t !== 'note' && t !== 'task');
      const target = resolveTarget(intent.target, types, done, tools, listTool, resource);
      if (isStep(target)) return target;
      const added = done('add_note');
      if (!added) return { tool: 'add_note', input: { recordType: target.type, recordId: target.row.id, body: intent.body } };
      return { text: `Added a note to ${link(target.row, resource(target.type))}.` };
    }

    case 'tasks': {
      const listed = done('list_tasks');
      if (!listed) {
        return { tool: 'list_tasks', input: { view: intent.view ?? 'open', filter: intent.mine && me ? { assigneeId: me } : undefined, sort: 'dueAt', limit: 20 } };
      }
      const d = data(listed)!;
      const rows = (d.tasks as Record<string, unknown>[]) ?? [];
      const what = `${intent.mine ? 'your ' : ''}${intent.view === 'overdue' ? 'overdue ' : ''}tasks${intent.view === 'today' ? ' due today' : intent.view === 'week' ? ' due this week' : ''}`;
      if (rows.length === 0) return { text: `No ${what}.` };
      return { text: `${what[0].toUpperCase()}${what.slice(1)} (${String(d.total)}):\n${rows.map((r) => `- ${link(r, 'tasks')}${dueText(r)}${r.priority === 'high' || r.priority === 'urgent' ? ` (${String(r.priority)})` : ''}`).join('\n')}` };
    }

    case 'move': {
      if (missing('move_deal')) return missing('move_deal')!;
      const target = resolveTarget(intent.target, ['deal'], done, tools, listTool, resource);
      if (isStep(target)) return target;
      const moved = done('move_deal');
      if (!moved) return { tool: 'move_deal', input: { id: target.row.id, stage: intent.stage, ...(intent.reason ? { reason: intent.reason } : {}) } };
      const d = data(moved)!;
      return { text: `Moved ${link(d, 'deals')} to ${String((d.stage as { name?: string } | undefined)?.name ?? intent.stage)}.` };
    }

    case 'convert': {
      if (missing('convert_lead')) return missing('convert_lead')!;
      const target = resolveTarget(intent.target, ['lead'], done, tools, listTool, resource);
      if (isStep(target)) return target;
      const converted = done('convert_lead');
      if (!converted) return { tool: 'convert_lead', input: { id: target.row.id } };
      const r = data(converted)! as { deal: Record<string, unknown>; company: { id: string; name: string; created: boolean } | null; contact: { id: string; created: boolean } };
      const company = r.company ? ` Company: ${link(r.company, 'companies')}${r.company.created ? ' (new)' : ' (existing)'}.` : '';
      return { text: `Converted ${link(target.row, 'leads')} into the deal ${link(r.deal, 'deals')}.${company} Contact: [${String(target.row.fullName)}](/contacts/${r.contact.id})${r.contact.created ? ' (new)' : ' (existing)'}.` };
    }

    case 'pipeline': {
      const summary = done('pipeline_summary');
      if (!summary) return { tool: 'pipeline_summary', input: {} };
      // Amounts come per currency (reports never add EUR to USD): "EUR 12000.50 + USD 1000.00".
      type Money = { currency: string; amount: string; weightedAmount: string }[];
      const d = data(summary)! as { stages: { name: string; kind: string; count: number; amounts: Money }[]; totals: { openCount: number; byCurrency: Money } };
      const sum = (m: Money, k: 'amount' | 'weightedAmount') => (m.length ? m.map((a) => `${a.currency} ${a[k]}`).join(' + ') : '0.00');
      const lines = d.stages.map((st) => `- **${st.name}**: ${st.count} deal${st.count === 1 ? '' : 's'}, ${sum(st.amounts, 'amount')}${st.kind === 'open' ? ` (weighted ${sum(st.amounts, 'weightedAmount')})` : ''}`);
      return { text: `Pipeline: ${d.totals.openCount} open deals worth ${sum(d.totals.byCurrency, 'amount')} (weighted ${sum(d.totals.byCurrency, 'weightedAmount')}).\n${lines.join('\n')}` };
    }

    case 'complete': {
      if (missing('complete_task')) return missing('complete_task')!;
      const found = done('list_tasks');
      if (!found) return { tool: 'list_tasks', input: { q: intent.target, view: 'open', limit: 5 } };
      const rows = (data(found)?.tasks as Record<string, unknown>[]) ?? [];
      const exact = rows.filter((r) => String(r.title).toLowerCase() === intent.target.toLowerCase());
      const task = rows.length === 1 ? rows[0] : exact.length === 1 ? exact[0] : undefined;
      if (!task) return { text: rows.length ? `More than one open task matches "${intent.target}": ${rows.map((r) => link(r, 'tasks')).join(', ')}. Which one?` : `No open task matches "${intent.target}".` };
      if (!done('complete_task')) return { tool: 'complete_task', input: { id: task.id } };
      return { text: `Done: ${link(task, 'tasks')} is complete.` };
    }
  }
}

/** The user's latest message and the tool results that followed it in this turn. */
function readPrompt(prompt: LanguageModelV4Prompt): { text: string; results: ToolOutcome[]; me?: string } {
  const system = prompt.map((m) => (m.role === 'system' ? m.content : '')).join('\n');
  const me = system.match(/current user's id is (\S+?)\.?(?:\s|$)/)?.[1];
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
  return { text, results, me };
}

const tokens = (s: string) => Math.ceil(s.length / 4);

export function createOfflineModel(v: Vocabulary): LanguageModelV4 {
  let callSeq = 0;
  const generate = async (options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> => {
    const { text, results, me } = readPrompt(options.prompt);
    const tools = new Set((options.tools ?? []).map((t) => t.name));
    const step = plan(parse(text, v), results, tools, v, me);
    const content: LanguageModelV4Content[] =
      'tool' in step
        ? [{ type: 'tool-call', toolCallId: `offline-${++callSeq}`, toolName: step.tool, input: JSON.stringify(step.input) }]
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
