// The tasks about a record (relatedType/relatedId): tick one done in place, edit it, or Add task —
// the task form opens with "Related to" set to this record.
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { RelatedType } from '../../../contracts/entities';
import type { Task } from '../../../contracts/tasks';
import { RelatedCard } from '../../components/related-card';
import { Button } from '../../components/ui/button';
import { Badge } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { cn, formatDate } from '../../lib/utils';
import { statusLabel } from '../projects/projects.queries';
import { useMembers } from '../settings/settings.queries';
import { TaskFormDialog } from '../tasks/task-form';
import { useTasks, useToggleTask } from '../tasks/tasks.queries';

const statusTone = { todo: 'lead', in_progress: 'prospect', done: 'customer', cancelled: 'inactive' } as const;

export function RelatedTasks({ relatedType, relatedId, editable }: { relatedType: RelatedType; relatedId: string; editable: boolean }) {
  const tasks = useTasks({ filter: { relatedType, relatedId }, sort: 'dueAt', limit: 100 });
  const members = useMembers();
  const toggle = useToggleTask();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const rows = tasks.data?.data ?? [];
  const memberName = (id: string | null) => (id ? members.data?.find((m) => m.userId === id)?.name : undefined);
  const overdue = (t: Task) => t.dueAt !== null && t.status !== 'done' && t.status !== 'cancelled' && new Date(t.dueAt) < new Date();

  return (
    <>
      <RelatedCard
        id={`${relatedType}-tasks`}
        title="Tasks"
        total={tasks.data?.total}
        isPending={tasks.isPending}
        error={tasks.error}
        onRetry={() => tasks.refetch()}
        add={editable ? { label: 'Add task', onClick: () => setAdding(true) } : undefined}
        empty="No tasks yet."
        count={rows.length}
      >
        {rows.map((t) => {
          const done = t.status === 'done';
          return (
            <li key={t.id} className="flex items-center gap-3 px-4 py-2 sm:px-6" data-task-id={t.id}>
              <input
                type="checkbox"
                className="size-4 shrink-0 accent-indigo-600"
                checked={done}
                disabled={!editable}
                aria-label={done ? `Reopen ${t.title}` : `Complete ${t.title}`}
                onChange={(e) => toggle.mutate({ id: t.id, done: e.target.checked }, { onError: (err) => toast.error(errorMessage(err)) })}
              />
              <div className="min-w-0 flex-1">
                <p className={cn('truncate text-sm font-medium', done && 'text-zinc-500 line-through')}>{t.title}</p>
                <p className="truncate text-xs text-zinc-500">
                  {[t.dueAt ? `Due ${formatDate(t.dueAt)}` : null, memberName(t.assigneeId)].filter(Boolean).join(' · ')}
                  {overdue(t) ? <span className="ml-1 font-medium text-red-700">· Overdue</span> : null}
                </p>
              </div>
              <Badge tone={statusTone[t.status]} className="hidden sm:inline-flex">{statusLabel(t.status)}</Badge>
              {editable ? (
                <Button variant="ghost" size="icon" className="size-8 shrink-0" aria-label={`Edit ${t.title}`} onClick={() => setEditing(t)}>
                  <Pencil />
                </Button>
              ) : null}
            </li>
          );
        })}
      </RelatedCard>
      <TaskFormDialog open={adding} onOpenChange={setAdding} related={{ type: relatedType, id: relatedId }} />
      <TaskFormDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} task={editing ?? undefined} />
    </>
  );
}
