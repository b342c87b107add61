// Tasks: the generic record hooks plus an optimistic complete / reopen for checkboxes.
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { recordPath } from '../../../contracts/entities';
import type { Task, TaskCreateSchema, TaskUpdateSchema } from '../../../contracts/tasks';
import { api } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { invalidateCrm, resourceHooks, type ListResponse } from '../../lib/resource';

export type TaskCreate = z.input<typeof TaskCreateSchema>;
export type TaskUpdate = z.input<typeof TaskUpdateSchema>;

export const taskQueries = resourceHooks<Task, TaskCreate, TaskUpdate>('tasks');
export const {
  useList: useTasks,
  useCreate: useCreateTask,
  useUpdate: useUpdateTask,
  useDelete: useDeleteTask,
  useRestore: useRestoreTask,
} = taskQueries;

type Snapshot = [readonly unknown[], ListResponse<Task> | undefined][];

/** Ticks a task done (or back to do) in every cached task list at once, rolling back on failure. */
export function useToggleTask() {
  return useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) => api<{ data: Task }>(`/tasks/${id}`, { method: 'PATCH', body: { status: done ? 'done' : 'todo' } }).then((r) => r.data),
    onMutate: async ({ id, done }): Promise<Snapshot> => {
      await queryClient.cancelQueries({ queryKey: taskQueries.keys.all });
      const snapshot = queryClient.getQueriesData<ListResponse<Task>>({ queryKey: [...taskQueries.keys.all, 'list'] });
      const status = done ? 'done' : 'todo';
      for (const [key, data] of snapshot) {
        if (!data) continue;
        queryClient.setQueryData<ListResponse<Task>>(key, { ...data, data: data.data.map((t) => (t.id === id ? { ...t, status, completedAt: done ? new Date().toISOString() : null } : t)) });
      }
      return snapshot;
    },
    onError: (_e, _v, snapshot) => {
      for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => invalidateCrm(),
  });
}

/** A date input's "YYYY-MM-DD" as the API's due time: 5 pm local on that day. */
export function dueAtFromDate(date: string): string | null {
  return date ? new Date(`${date}T17:00:00`).toISOString() : null;
}

/** The local calendar day of a due time, for a date input. */
export function dateFromDueAt(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The page of the record a task or note is about (the catalogue's route for its type). */
export function relatedPath(type: string | null, id: string | null) {
  return recordPath(type, id);
}
