import type { z } from 'zod';
import type { Project, ProjectCreateSchema, ProjectUpdateSchema } from '../../../contracts/projects';
import { resourceHooks } from '../../lib/resource';

export type ProjectCreate = z.input<typeof ProjectCreateSchema>;
export type ProjectUpdate = z.input<typeof ProjectUpdateSchema>;

export const projectQueries = resourceHooks<Project, ProjectCreate, ProjectUpdate>('projects');
export const {
  useList: useProjects,
  useOne: useProject,
  useActivities: useProjectActivities,
  useCreate: useCreateProject,
  useUpdate: useUpdateProject,
  useDelete: useDeleteProject,
  useRestore: useRestoreProject,
} = projectQueries;

export const projectStatusTone = { planned: 'lead', in_progress: 'prospect', on_hold: 'inactive', completed: 'customer', cancelled: 'churned' } as const;

export function statusLabel(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}
