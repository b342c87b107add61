// The tool registry (DESIGN.md §5): one spec per operation, built from the services. The in-app
// agent and the MCP server are both made from these specs, so a tool does exactly what the REST
// route does, with the caller's role and organization.
import { z } from 'zod';
import type { Role } from '../../contracts/common';
import { MERGE_TYPES, SEARCH_TYPES, entityOf } from '../../contracts/entities';
import type { ServiceContext } from '../lib/context';
import type { CrudService } from '../lib/crud';
import { hasRole } from '../lib/roles';
import { globalSearch } from '../context/global-search';
import { fieldError } from '../lib/errors';
import { recordTitle } from '../lib/related';
import { LogActivityInputSchema } from '../../contracts/activities';
import { logActivity } from '../modules/activities/activities.service';
import { listMembers } from '../modules/members/members.service';
import { moveDeal } from '../modules/deals/deals.service';
import { convertLead } from '../modules/leads/leads.service';
import { mergeService } from '../modules/merge/merge.service';
import { noteService } from '../modules/notes/notes.service';
import { pipelineService } from '../modules/pipelines/pipelines.service';
import { serviceForType, servicesWith } from '../modules/registry';
import { reportService } from '../modules/reports/reports.service';
import { taskService } from '../modules/tasks/tasks.service';
import { dealService } from '../modules/deals/deals.service';
import { eventTools } from '../modules/events/events.tools';
import { insightTools } from '../modules/insights/insights.tools';
import { BULK_ACTIONS } from '../../contracts/bulk';
import { VIEW_RESOURCES } from '../../contracts/views';
import type { Db } from '../db/client';
import { bulkService } from '../modules/bulk/bulk.service';
import { viewService } from '../modules/views/views.service';
import { serviceForResource } from '../modules/registry';
import { requestSend } from '../modules/campaigns/campaign-mail';
import { campaignService } from '../modules/campaigns/campaigns.service';

export interface ToolSpec {
  name: string;
  description: string;
  input: z.ZodObject;
  /** The least role that may call it (the service checks again). */
  role: Role;
  /** Destructive or outbound: runs only after the user approves it. */
  destructive: boolean;
  execute: (ctx: ServiceContext, input: Record<string, unknown>) => Promise<unknown>;
  /** One line a person can approve or reject, e.g. "Delete contact Ada Lovelace". */
  describeCall?: (ctx: ServiceContext, input: Record<string, unknown>) => Promise<string>;
}

const LIST_LIMIT = 20;

function snake(s: string) {
  return s.replace(/-/g, '_');
}

/** The five CRUD tools of one entity. */
export function entityTools(service: CrudService): ToolSpec[] {
  const { def } = service;
  const plural = snake(def.resource);
  const fields = Object.keys(def.list.fields).join(', ');
  const idInput = z.object({ id: z.uuid().describe(`Id of the ${def.type}`) });
  const updateShape = (def.updateSchema as z.ZodObject).shape;
  const createSchema = def.createSchema as z.ZodObject;
  const views = Object.keys(def.views ?? {});
  return [
    {
      name: `list_${plural}`,
      description: `Find ${def.resource} by free text, filters and sort. Returns at most ${LIST_LIMIT} with the total count.`,
      input: z.object({
        q: z.string().max(200).optional().describe('Free text to match (names, emails, domains)'),
        filter: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(`Field conditions, e.g. {"status":"customer"} or {"createdAt":{"gte":"2026-01-01"}}. Fields: ${fields}`),
        sort: z.string().optional().describe('e.g. "name" or "-createdAt"'),
        limit: z.number().int().min(1).max(LIST_LIMIT).optional().describe(`How many (max ${LIST_LIMIT})`),
        ...(views.length ? { view: z.enum(views as [string, ...string[]]).optional().describe(`A preset: ${views.join(', ')}`) } : {}),
      }),
      role: 'viewer',
      destructive: false,
      execute: async (ctx, i) => {
        const r = await service.list(ctx, {
          q: i.q as string | undefined,
          filter: i.filter ? JSON.stringify(i.filter) : undefined,
          sort: i.sort as string | undefined,
          limit: (i.limit as number | undefined) ?? 10,
          view: i.view as string | undefined,
        });
        return { total: r.total, [plural]: r.data };
      },
    },
    {
      name: `get_${def.type}`,
      description: `Get one ${def.type} by id, with all its fields.`,
      input: idInput,
      role: 'viewer',
      destructive: false,
      execute: (ctx, i) => service.get(ctx, i.id as string),
    },
    {
      name: `create_${def.type}`,
      description: `Create a ${def.type}.`,
      input: createSchema,
      role: 'member',
      destructive: false,
      execute: (ctx, i) => service.create(ctx, i),
    },
    {
      name: `update_${def.type}`,
      description: `Change fields of one ${def.type}; only the fields given change.`,
      input: idInput.extend(updateShape).extend({
        expectedVersion: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(`The ${def.type}'s "version" as you read it; if someone changed it since, nothing is saved and the error carries the current record`),
      }),
      role: 'member',
      destructive: false,
      // expectedVersion is the tools' If-Match (lib/etag.ts): optional, like the header.
      execute: (ctx, { id, expectedVersion, ...patch }) =>
        service.update(ctx, id as string, patch, typeof expectedVersion === 'number' ? { ifMatch: { any: false, tags: [{ weak: false, opaque: String(expectedVersion) }] } } : {}),
    },
    {
      name: `delete_${def.type}`,
      description: `Delete one ${def.type} (it can be restored). Needs the user's approval.`,
      input: idInput,
      role: 'member',
      destructive: true,
      execute: async (ctx, i) => {
        await service.remove(ctx, i.id as string);
        return { deleted: true, id: i.id };
      },
      describeCall: async (ctx, i) => {
        const row = await service.get(ctx, i.id as string).catch(() => null);
        return `Delete ${def.type} ${row ? recordTitle(row) : String(i.id)}`;
      },
    },
  ];
}

/** Search across every searchable entity (search_documents); each hit carries a link so answers can cite it. */
export const searchTool: ToolSpec = {
  name: 'search',
  description: 'Search every kind of record by words or partial, misspelt names. Returns hits with type, id, title, a snippet, why it matched and a link to cite.',
  input: z.object({
    query: z.string().min(1).max(200).describe('What to look for'),
    types: z.array(z.enum(SEARCH_TYPES)).optional().describe(`Limit to these record types: ${SEARCH_TYPES.join(', ')}`),
  }),
  role: 'viewer',
  destructive: false,
  execute: async (ctx, i) => ({ query: i.query, hits: await globalSearch.search(ctx, String(i.query), { types: i.types as string[] | undefined, limit: 10 }) }),
};


/** Shortcuts people ask for by name; each is the same service call as its generic twin. */
function workTools(): ToolSpec[] {
  const noteTargets = servicesWith('notes').map((s) => s.def.type) as [string, ...string[]];
  const out: ToolSpec[] = [
    {
      name: 'add_note',
      description: 'Add a note (markdown) to a record, e.g. after a call or meeting.',
      input: z.object({
        recordType: z.enum(noteTargets).describe('Type of the record the note is on'),
        recordId: z.uuid().describe('Id of that record'),
        body: z.string().min(1).max(100_000).describe('The note, in markdown'),
        pinned: z.boolean().optional().describe('Pin it to the top of the record'),
      }),
      role: 'member',
      destructive: false,
      execute: (ctx, i) => noteService.create(ctx, { relatedType: i.recordType, relatedId: i.recordId, body: i.body, pinned: i.pinned ?? false }),
    },
    {
      name: 'complete_task',
      description: 'Mark a task as done.',
      input: z.object({ id: z.uuid().describe('Id of the task') }),
      role: 'member',
      destructive: false,
      execute: (ctx, i) => taskService.update(ctx, i.id as string, { status: 'done' }),
    },
    {
      name: 'move_deal',
      description: 'Move a deal to another stage of its pipeline, by stage name or id. Moving to a lost stage needs a reason.',
      input: z.object({
        id: z.uuid().describe('Id of the deal'),
        stage: z.string().min(1).describe('Stage name (e.g. "Negotiation") or id'),
        reason: z.string().optional().describe('Why the deal was lost (for a lost stage)'),
      }),
      role: 'member',
      destructive: false,
      execute: async (ctx, i) => {
        const deal = await dealService.get(ctx, i.id as string);
        const pipeline = await pipelineService.get(ctx, deal.pipelineId as string);
        const wanted = String(i.stage).toLowerCase();
        const stage =
          pipeline.stages.find((s) => s.id === i.stage || s.name.toLowerCase() === wanted) ??
          pipeline.stages.find((s) => s.name.toLowerCase().startsWith(wanted)) ??
          // "won" / "lost" find the pipeline's won or lost stage whatever it is called ("Closed won").
          pipeline.stages.find((s) => (wanted === 'won' || wanted === 'lost') && s.kind === wanted);
        if (!stage) throw fieldError('stage', `no stage "${String(i.stage)}" in ${pipeline.name}; stages: ${pipeline.stages.map((s) => s.name).join(', ')}`);
        return moveDeal(ctx, deal.id, { stageId: stage.id, ...(i.reason ? { reason: i.reason } : {}) });
      },
    },
    {
      name: 'pipeline_summary',
      description: 'Deals per stage with counts, amounts and weighted amounts, for a pipeline (the default one when omitted).',
      input: z.object({ pipelineId: z.uuid().optional().describe('Pipeline id'), ownerId: z.string().optional().describe('Only this owner\'s deals') }),
      role: 'viewer',
      destructive: false,
      execute: (ctx, i) => reportService.pipeline(ctx, i),
    },
    {
      name: 'convert_lead',
      description: 'Convert a lead into a company, a contact and a deal (and optionally a follow-up task).',
      input: z.object({
        id: z.uuid().describe('Id of the lead'),
        dealName: z.string().optional().describe('Name of the new deal'),
        amount: z.string().optional().describe('Deal amount, e.g. "12000"'),
        followUpTitle: z.string().optional().describe('Title of the follow-up task (one is made by default: "Follow up with <name>", due in two days)'),
        followUpDueAt: z.string().optional().describe('Due date-time of the follow-up (ISO 8601)'),
      }),
      role: 'member',
      destructive: false,
      execute: (ctx, i) =>
        convertLead(ctx, i.id as string, {
          ...(i.dealName ? { dealName: i.dealName } : {}),
          ...(i.amount ? { amount: i.amount } : {}),
          // The conversion makes a follow-up task by default; the model may name it or set its due date.
          ...(i.followUpTitle || i.followUpDueAt ? { createTask: { ...(i.followUpTitle ? { title: i.followUpTitle } : {}), ...(i.followUpDueAt ? { dueAt: i.followUpDueAt } : {}) } } : {}),
        }),
    },
  ];
  out.push({
    name: 'send_campaign',
    description: 'Send an email campaign to its members (an admin or the campaign\'s owner). Opted-out, bounced and address-less contacts are skipped; mails go out in the background at the server\'s rate.',
    input: z.object({ id: z.uuid().describe('Id of the campaign') }),
    role: 'member',
    // Outbound mail to many people: only ever after the user's approval.
    destructive: true,
    execute: (ctx, i) => requestSend(ctx, i.id as string, { confirm: true }),
    describeCall: async (ctx, i) => {
      const c = await campaignService.get(ctx, i.id as string).catch(() => null);
      return c ? `Send email campaign "${String(c.name)}" to its ${Number(c.memberCount ?? 0)} members` : `Send email campaign ${String(i.id)}`;
    },
  });
  out.push({
    name: 'list_members',
    description: 'The people in this organization (user id, name, email, role): for assigning tasks and owners by name.',
    input: z.object({}),
    role: 'viewer',
    destructive: false,
    execute: async (ctx) => ({ members: (await listMembers(ctx)).filter((m) => !m.deactivatedAt).map(({ userId, name, email, role }) => ({ userId, name, email, role })) }),
  });
  out.push({
    name: 'log_activity',
    description: 'Log a call, email or meeting that happened with a contact, company, deal, lead or project; it shows on that record\'s timeline.',
    input: LogActivityInputSchema,
    role: 'member',
    destructive: false,
    execute: (ctx, i) => logActivity(ctx, i),
  });
  out.push(...viewAndBulkTools());
  for (const kind of MERGE_TYPES) {
    const merge = mergeService(kind);
    const plural = entityOf(kind)!.plural.toLowerCase();
    out.push({
      name: `merge_${snake(entityOf(kind)!.resource)}`,
      description: `Merge duplicate ${plural} into one survivor: its blanks are filled from the others, their notes, tasks and deals move to it, and the others are deleted. Needs the user's approval.`,
      input: z.object({ id: z.uuid().describe('The record to keep'), otherIds: z.array(z.uuid()).min(1).describe('The duplicates to merge into it') }),
      role: 'member',
      destructive: true,
      execute: (ctx, i) => merge.merge(ctx, i.id as string, { otherIds: i.otherIds }),
      describeCall: async (ctx, i) => {
        const service = serviceForType(kind)!;
        const names = await Promise.all([i.id as string, ...(i.otherIds as string[])].map((id) => service.get(ctx, id).then(recordTitle).catch(() => id)));
        return `Merge ${names.slice(1).join(', ')} into ${kind} ${names[0]}`;
      },
    });
  }
  return out;
}

/** Bulk changes through the assistant run in the request (no job runner here): this many records at most. */
const TOOL_BULK_MAX = 500;

/** Saved views applied, and bulk changes (always approved first: DESIGN.md §5 counts a bulk change as destructive). */
function viewAndBulkTools(): ToolSpec[] {
  const bulkInput = z.object({
    resource: z.enum(VIEW_RESOURCES).describe(`Which records: ${VIEW_RESOURCES.join(', ')}`),
    ids: z.array(z.uuid()).min(1).max(TOOL_BULK_MAX).optional().describe('The records to change (or give filter)'),
    filter: z.record(z.string(), z.unknown()).optional().describe('Every record matching this list filter, e.g. {"status":"lead"} ({} is all), instead of ids'),
    action: z.enum(BULK_ACTIONS).describe('update: set values fields; assign: values {ownerId}; tag/untag: values {tags}; delete'),
    values: z.record(z.string(), z.unknown()).optional().describe('update: fields to set; assign: {"ownerId": user id}; tag/untag: {"tags": ["vip"]}'),
  });
  const selection = async (ctx: ServiceContext, i: Record<string, unknown>) => {
    if (Array.isArray(i.ids)) return i.ids.length;
    const s = serviceForResource(String(i.resource));
    return s ? (await s.list(ctx, { limit: 1, filter: JSON.stringify(i.filter ?? {}) })).total : 0;
  };
  return [
    {
      name: 'find_records',
      description: 'Apply a saved view (from list_views): the records it shows, with its filter, search and sort. Optionally narrow with q.',
      input: z.object({
        viewId: z.uuid().describe('Id of the saved view'),
        q: z.string().max(200).optional().describe('Extra free text to match'),
        limit: z.number().int().min(1).max(LIST_LIMIT).optional().describe(`How many (max ${LIST_LIMIT})`),
      }),
      role: 'viewer',
      destructive: false,
      execute: async (ctx, i) => {
        const view = await viewService.get(ctx, i.viewId as string);
        const service = serviceForResource(String(view.resource))!;
        const r = await service.list(ctx, { viewId: view.id, q: i.q as string | undefined, limit: (i.limit as number | undefined) ?? 10 });
        return { view: { id: view.id, name: view.name, resource: view.resource }, total: r.total, records: r.data };
      },
    },
    {
      name: 'bulk_update',
      description: `Change many records at once: update fields, assign an owner, add or remove tags, or delete (restorable). Each record is checked as a single change; one undo reverts the batch. At most ${TOOL_BULK_MAX} records. Needs the user's approval.`,
      input: bulkInput,
      role: 'member',
      destructive: true,
      execute: async (ctx, { resource, ...body }) => {
        const bulk = bulkService({ db: ctx.db as Db, threshold: TOOL_BULK_MAX, jobs: () => undefined });
        const out = await bulk.run(ctx, String(resource), body);
        return out.queued ? out.job : out.result;
      },
      describeCall: async (ctx, i) => {
        const n = await selection(ctx, i).catch(() => 0);
        const what = `${n} ${String(i.resource)}`;
        const tags = Array.isArray((i.values as { tags?: unknown })?.tags) ? ((i.values as { tags: string[] }).tags).join(', ') : '';
        const verbs: Record<string, string> = { update: `Update ${what}: ${JSON.stringify(i.values ?? {})}`, assign: `Assign ${what} to ${String((i.values as { ownerId?: string })?.ownerId)}`, tag: `Tag ${what} with ${tags}`, untag: `Remove tag ${tags} from ${what}`, delete: `Delete ${what}` };
        return verbs[String(i.action)] ?? `Bulk ${String(i.action)} ${what}`;
      },
    },
  ];
}

export const toolRegistry: ToolSpec[] = [...servicesWith('assistantTools').flatMap(entityTools), searchTool, ...workTools(), ...eventTools(), ...insightTools()];

export function toolsFor(role: Role): ToolSpec[] {
  return toolRegistry.filter((t) => hasRole(role, t.role));
}

export function findTool(name: string): ToolSpec | undefined {
  return toolRegistry.find((t) => t.name === name);
}
