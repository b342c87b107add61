import { z } from 'zod';
import { isoDate, TagsSchema, VersionSchema } from './common';
import { CustomFieldValuesSchema } from './custom-fields';

export const PROJECT_STATUSES = ['planned', 'in_progress', 'on_hold', 'completed', 'cancelled'] as const;
export const PROJECT_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

const projectFields = {
  name: z.string().trim().min(1, 'Name is required').max(200).describe('Project name'),
  description: z.string().max(20000).nullable().describe('What the project is about'),
  status: z.enum(PROJECT_STATUSES).describe('planned, in_progress, on_hold, completed or cancelled'),
  priority: z.enum(PROJECT_PRIORITIES).describe('low, medium, high or urgent'),
  companyId: z.uuid().nullable().describe('Company (organization) the project is for'),
  dealId: z.uuid().nullable().describe('Deal the project belongs to'),
  assigneeIds: z.array(z.string().min(1)).max(50).describe('User ids of the members working on it'),
  startDate: isoDate().nullable().describe('Start date (YYYY-MM-DD)'),
  dueDate: isoDate().nullable().describe('Due date (YYYY-MM-DD)'),
  tags: TagsSchema.describe('Labels'),
  customFields: CustomFieldValuesSchema,
};

export const ProjectUpdateSchema = z.strictObject(projectFields).partial();
export const ProjectCreateSchema = ProjectUpdateSchema.extend({
  name: projectFields.name,
  status: projectFields.status.default('planned'),
  priority: projectFields.priority.default('medium'),
  assigneeIds: projectFields.assigneeIds.default([]),
  tags: TagsSchema.default([]),
}).refine((p) => !p.startDate || !p.dueDate || p.startDate <= p.dueDate, { message: 'must be on or after the start date', path: ['dueDate'] });

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(PROJECT_STATUSES),
  priority: z.enum(PROJECT_PRIORITIES),
  companyId: z.string().nullable(),
  company: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  dealId: z.string().nullable(),
  assigneeIds: z.array(z.string()),
  assignees: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number() }).optional(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Project = z.infer<typeof ProjectSchema>;
