import { z } from 'zod';
import { isoDateTime, VersionSchema } from './common';
import { RELATED_TYPES } from './entities';

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TASK_TYPES = ['todo', 'call', 'email', 'meeting', 'follow_up', 'demo'] as const;
/** Record types a task or note can be about: derived from the catalogue (contracts/entities.ts). */
export { RELATED_TYPES };
export const TASK_VIEWS = ['mine', 'open', 'overdue', 'today', 'week'] as const;

const taskFields = {
  title: z.string().trim().min(1, 'Title is required').max(300).describe('What needs doing'),
  description: z.string().max(20000).nullable().describe('Details'),
  status: z.enum(TASK_STATUSES).describe('todo, in_progress, done or cancelled'),
  priority: z.enum(TASK_PRIORITIES).describe('low, medium, high or urgent'),
  type: z.enum(TASK_TYPES).describe('Kind of task'),
  dueAt: isoDateTime().nullable().describe('When it is due (ISO 8601)'),
  assigneeId: z.string().min(1).nullable().describe('User id of the member who does it'),
  projectId: z.uuid().nullable().describe('Project the task belongs to'),
  relatedType: z.enum(RELATED_TYPES).nullable().describe('Type of the record it is about'),
  relatedId: z.uuid().nullable().describe('Id of the record it is about'),
};

export const TaskUpdateSchema = z.strictObject(taskFields).partial();
export const TaskCreateSchema = TaskUpdateSchema.extend({
  title: taskFields.title,
  status: taskFields.status.default('todo'),
  priority: taskFields.priority.default('medium'),
  type: taskFields.type.default('todo'),
});

export const TaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  priority: z.enum(TASK_PRIORITIES),
  type: z.enum(TASK_TYPES),
  dueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  projectId: z.string().nullable(),
  relatedType: z.enum(RELATED_TYPES).nullable(),
  relatedId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: VersionSchema,
  deletedAt: z.string().nullable(),
});
export type Task = z.infer<typeof TaskSchema>;
