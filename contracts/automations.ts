// Automation rules (issue 13.3): when something happens (a trigger) to a record that matches the
// conditions (the same filter JSON the list endpoints take), do the actions — through the one write
// door, as the automation. Shapes here are the API contract and the web builder's form schema.
import { z } from 'zod';
import { httpUrl, VersionSchema } from './common';
import { EntityTypeSchema } from './entities';

const UserId = z.string().trim().min(1, 'choose a user');

export const AutomationTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('record.created'), entity: EntityTypeSchema }),
  z.strictObject({ type: z.literal('record.updated'), entity: EntityTypeSchema }),
  z.strictObject({ type: z.literal('record.deleted'), entity: EntityTypeSchema }),
  /** A field of the record changed, to `to` when given (any new value otherwise). */
  z.strictObject({ type: z.literal('field.changed'), entity: EntityTypeSchema, field: z.string().trim().min(1), to: z.unknown().optional() }),
  /** A deal moved to another stage; to `stageId` when given. */
  z.strictObject({ type: z.literal('deal.stage_changed'), stageId: z.uuid().nullable().optional() }),
  /** A task's due time passed while it was still open (once per task and due time). */
  z.strictObject({ type: z.literal('task.overdue') }),
  /** On a cron schedule (UTC), for every record of `entity` matching the conditions (at most 200 a run). */
  z.strictObject({ type: z.literal('schedule'), entity: EntityTypeSchema, cron: z.string().trim().min(1).max(100) }),
]);
export type AutomationTrigger = z.infer<typeof AutomationTriggerSchema>;
export const TRIGGER_TYPES = ['record.created', 'record.updated', 'record.deleted', 'field.changed', 'deal.stage_changed', 'task.overdue', 'schedule'] as const;

/** Text with {{field}} placeholders filled from the record ({{name}}, {{email}}, {{customFields.x}}). */
const Template = (max: number) => z.string().trim().min(1).max(max);

export const AutomationActionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('create_task'),
    title: Template(300),
    dueInDays: z.number().int().min(0).max(3650).optional(),
    /** `owner`: the record's owner (its assignee for a task); or a fixed user id. */
    assignTo: z.union([z.literal('owner'), z.strictObject({ userId: UserId })]).default('owner'),
  }),
  /** A fixed owner (`userId`), or each run the next of `roundRobin`, in turn. */
  z
    .strictObject({ type: z.literal('assign_owner'), userId: UserId.optional(), roundRobin: z.array(UserId).min(1).max(100).optional() })
    .refine((a) => (a.userId === undefined) !== (a.roundRobin === undefined), { message: 'give either userId or roundRobin', path: ['userId'] }),
  z.strictObject({ type: z.literal('add_tag'), tag: z.string().trim().min(1).max(50) }),
  z.strictObject({ type: z.literal('remove_tag'), tag: z.string().trim().min(1).max(50) }),
  /** Checked against the entity's update schema when the rule is saved. */
  z.strictObject({ type: z.literal('update_field'), field: z.string().trim().min(1), value: z.unknown() }),
  z.strictObject({ type: z.literal('notify_user'), userId: z.union([z.literal('owner'), UserId]), message: Template(2000).optional() }),
  /** Email to members of the organization only (an address outside it is refused). */
  z.strictObject({ type: z.literal('send_email'), to: z.array(z.union([z.literal('owner'), UserId])).min(1).max(20), subject: Template(200), body: Template(10000) }),
  /** POST of the record as JSON, through the outbound guard. */
  z.strictObject({ type: z.literal('call_webhook'), url: httpUrl('must be an http(s) URL like https://hooks.example.com/meridian') }),
]);
export type AutomationAction = z.infer<typeof AutomationActionSchema>;
export const ACTION_TYPES = ['create_task', 'assign_owner', 'add_tag', 'remove_tag', 'update_field', 'notify_user', 'send_email', 'call_webhook'] as const;

export const AutomationInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name is required').max(200),
  enabled: z.boolean().default(true),
  trigger: AutomationTriggerSchema,
  /** The list filter JSON of the trigger's entity, e.g. {"source":"webinar"} or {"amount":{"gte":"1000"}}. */
  conditions: z.record(z.string(), z.unknown()).default({}),
  actions: z.array(AutomationActionSchema).min(1, 'add at least one action').max(20),
});
export const AutomationUpdateSchema = z.strictObject({
  name: AutomationInputSchema.shape.name,
  enabled: z.boolean(),
  trigger: AutomationTriggerSchema,
  conditions: z.record(z.string(), z.unknown()),
  actions: AutomationInputSchema.shape.actions,
}).partial();

export const AutomationSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: AutomationTriggerSchema,
  conditions: z.record(z.string(), z.unknown()),
  actions: z.array(AutomationActionSchema),
  /** The entity the rule is about (from its trigger). */
  entity: EntityTypeSchema,
  nextRunAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
});
export type Automation = z.infer<typeof AutomationSchema>;
export type AutomationInput = z.input<typeof AutomationInputSchema>;

export const ActionOutcomeSchema = z.object({
  type: z.string(),
  status: z.enum(['done', 'would_do', 'skipped', 'failed']),
  /** What it did or would do, in words. */
  detail: z.string(),
  /** The record it wrote (a new task, the updated record). */
  recordId: z.string().nullable().optional(),
});
export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

export const AutomationRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'skipped', 'stopped']);
export const AutomationRunSchema = z.object({
  id: z.string(),
  automationId: z.string(),
  status: AutomationRunStatusSchema,
  entityType: z.string(),
  recordId: z.string().nullable(),
  eventId: z.number().nullable(),
  /** How many automations deep this run is (a rule's own writes trigger rules one deeper; 3 is the limit). */
  depth: z.number().int(),
  outcomes: z.array(ActionOutcomeSchema),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AutomationRun = z.infer<typeof AutomationRunSchema>;

export const DryRunInputSchema = z.strictObject({ recordId: z.uuid() });
export const DryRunSchema = z.object({
  matches: z.boolean(),
  /** Why not, when the record does not match. */
  reason: z.string().nullable(),
  outcomes: z.array(ActionOutcomeSchema),
});
export type DryRun = z.infer<typeof DryRunSchema>;
