// A project's tasks: name, status, priority, assignee, due date, with edit and delete (undo in
// the toast) per row, and Add task for a new one in this project.
import { ListTodo, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { Task } from '../../../contracts/tasks';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDate, titleCase } from '../../lib/utils';
import { useMembers } from '../settings/settings.queries';
import { TaskFormDialog } from '../tasks/task-form';
import { useDeleteTask, useRestoreTask, useTasks } from '../tasks/tasks.queries';
import { statusLabel } from './projects.queries';

const statusTone = { todo: 'lead', in_progress: 'prospect', done: 'customer', cancelled: 'inactive' } as const;

export function ProjectTasks({ projectId, editable }: { projectId: string; editable: boolean }) {
  const tasks = useTasks({ limit: 200, sort: 'dueAt', filter: { projectId } });
  const members = useMembers();
  const remove = useDeleteTask();
  const restore = useRestoreTask();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const memberName = (id: string | null) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? 'Someone') : '—');

  function deleteTask(t: Task) {
    remove.mutate(t.id, {
      onError: (e) => toast.error(errorMessage(e)),
      onSuccess: () =>
        toast.success(`Task ${t.title} deleted`, {
          duration: 8000,
          action: { label: 'Undo', onClick: () => restore.mutateAsync(t.id).then(() => toast.success('Task restored'), (e: unknown) => toast.error(errorMessage(e))) },
        }),
    });
  }

  return (
    <Card className="mt-6" aria-labelledby="project-tasks">
      <div className="flex items-center justify-between gap-4 border-b border-zinc-200 px-4 py-3">
        <h2 id="project-tasks" className="text-base font-semibold">Tasks</h2>
        {editable ? (
          <Button size="sm" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" /> Add task
          </Button>
        ) : null}
      </div>
      {tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data && tasks.data.data.length === 0 ? (
        <EmptyState icon={<ListTodo aria-hidden="true" />} title="No tasks yet" message="Break the project into tasks to track its progress." />
      ) : (
        <Table aria-label="Project tasks">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Status</Th>
              <Th className="hidden sm:table-cell">Priority</Th>
              <Th className="hidden md:table-cell">Assignee</Th>
              <Th>Due</Th>
              {editable ? <Th><span className="sr-only">Actions</span></Th> : null}
            </tr>
          </thead>
          {tasks.isPending ? (
            <TableSkeleton columns={editable ? 6 : 5} rows={3} />
          ) : (
            <tbody>
              {tasks.data.data.map((t) => (
                <tr key={t.id}>
                  <Td className={t.status === 'done' ? 'font-medium text-zinc-500 line-through' : 'font-medium'}>{t.title}</Td>
                  <Td><Badge tone={statusTone[t.status]}>{statusLabel(t.status)}</Badge></Td>
                  <Td className="hidden text-zinc-600 sm:table-cell">{titleCase(t.priority)}</Td>
                  <Td className="hidden text-zinc-600 md:table-cell">{memberName(t.assigneeId)}</Td>
                  <Td className="text-zinc-600">{formatDate(t.dueAt)}</Td>
                  {editable ? (
                    <Td className="w-24 whitespace-nowrap text-right">
                      <Button variant="ghost" size="icon" className="size-8" aria-label={`Edit ${t.title}`} onClick={() => setEditing(t)}>
                        <Pencil />
                      </Button>
                      <Button variant="ghost" size="icon" className="size-8 text-red-700 hover:bg-red-50" aria-label={`Delete ${t.title}`} onClick={() => deleteTask(t)}>
                        <Trash2 />
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          )}
        </Table>
      )}
      <TaskFormDialog open={adding} onOpenChange={setAdding} projectId={projectId} />
      <TaskFormDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} task={editing ?? undefined} projectId={projectId} />
    </Card>
  );
}
