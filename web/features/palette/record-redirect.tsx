// Search hits for notes and tasks point at /notes/<id> and /tasks/<id>; neither has a page of its
// own, so these routes look the record up and go to where it lives (its record, its project).
import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import type { Note } from '../../../contracts/notes';
import type { Task } from '../../../contracts/tasks';
import { ErrorState } from '../../components/data-table';
import { api } from '../../lib/api';
import { relatedPath } from '../tasks/tasks.queries';

function Finding() {
  return <p role="status" className="py-12 text-center text-sm text-zinc-500">Opening…</p>;
}

function useRecord<T>(resource: 'notes' | 'tasks', id: string) {
  return useQuery({ queryKey: [resource, 'one', id], queryFn: ({ signal }) => api<{ data: T }>(`/${resource}/${id}`, { signal }).then((r) => r.data) });
}

export function NoteRedirect() {
  const { id = '' } = useParams();
  const note = useRecord<Note>('notes', id);
  if (note.isError) return <ErrorState error={note.error} onRetry={() => note.refetch()} />;
  if (note.isPending) return <Finding />;
  return <Navigate to={relatedPath(note.data.relatedType, note.data.relatedId) ?? '/'} replace />;
}

export function TaskRedirect() {
  const { id = '' } = useParams();
  const task = useRecord<Task>('tasks', id);
  if (task.isError) return <ErrorState error={task.error} onRetry={() => task.refetch()} />;
  if (task.isPending) return <Finding />;
  const t = task.data;
  return <Navigate to={t.projectId ? `/projects/${t.projectId}` : (relatedPath(t.relatedType, t.relatedId) ?? '/tasks')} replace />;
}
