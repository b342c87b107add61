// /tasks: the signed-in member's tasks (or all open / overdue / today / this week) across projects
// and records, grouped by due date, with quick complete, inline edits, export and New task.
// "Select" turns on a selection box per row and the bulk bar (complete, assign, tag, delete many).
import { CheckSquare, ListChecks, Plus } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_VIEWS, type Task } from '../../../contracts/tasks';
import { BulkBar } from '../../components/bulk-bar';
import { selectEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Card, Skeleton } from '../../components/ui/misc';
import { useCreateParam } from '../../lib/create-param';
import { cn, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { ExportMenu } from '../export/export-menu';
import { useProjects } from '../projects/projects.queries';
import { groupTasks } from './task-groups';
import { TaskFormDialog } from './task-form';
import { TaskRow } from './task-row';
import { useTasks } from './tasks.queries';

type View = (typeof TASK_VIEWS)[number];
const VIEW_LABEL: Record<View, string> = { mine: 'Mine', open: 'All open', overdue: 'Overdue', today: 'Today', week: 'This week' };
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: titleCase(v) }));
/** What the bulk bar's "Set field" offers for tasks (the assignee is its Assign). */
const BULK_FIELDS: GridColumn<Task>[] = [
  { id: 'status', header: 'Status', cell: (t) => t.status, edit: selectEditor('status', 'Status', options(TASK_STATUSES)) },
  { id: 'priority', header: 'Priority', cell: (t) => t.priority, edit: selectEditor('priority', 'Priority', options(TASK_PRIORITIES)) },
];

export function TasksPage() {
  const me = useMe();
  const editable = canEdit(me.role);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useCreateParam();
  const view = TASK_VIEWS.find((v) => v === params.get('view')) ?? 'mine';
  const tasks = useTasks({ view, limit: 200, sort: 'dueAt' });
  const projects = useProjects({ limit: 200, sort: 'name' });
  const projectName = (id: string | null) => projects.data?.data.find((p) => p.id === id)?.name;
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Another view starts a new selection.
  useEffect(() => setSelected(new Set()), [view]);
  const shown = tasks.data?.data ?? [];
  const ids = shown.filter((t) => selected.has(t.id)).map((t) => t.id);
  const pick = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const stopSelecting = () => {
    setSelecting(false);
    setSelected(new Set());
  };
  const setView = (v: View) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === 'mine') next.delete('view');
        else next.set('view', v);
        return next;
      },
      { replace: true },
    );

  const newButton = editable ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> New task
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Tasks"
        description="What needs doing, by when."
        actions={
          <>
            <ExportMenu resource="tasks" query={{ view, sort: 'dueAt' }} />
            {newButton}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Show tasks" className="inline-flex flex-wrap rounded-md border border-zinc-300 bg-white p-0.5 shadow-sm">
          {TASK_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={cn('inline-flex h-8 items-center rounded px-3 text-sm font-medium text-zinc-600 focus-visible:outline-2 focus-visible:outline-indigo-600', view === v && 'bg-indigo-50 text-indigo-700')}
            >
              {VIEW_LABEL[v]}
            </button>
          ))}
        </div>
        {editable && shown.length ? (
          selecting ? (
            <span className="flex gap-2 sm:ml-auto">
              <Button variant="secondary" size="sm" onClick={() => setSelected(new Set(shown.map((t) => t.id)))}>
                Select all {shown.length}
              </Button>
              <Button variant="ghost" size="sm" onClick={stopSelecting}>
                Done selecting
              </Button>
            </span>
          ) : (
            <Button variant="secondary" size="sm" className="sm:ml-auto" onClick={() => setSelecting(true)}>
              <ListChecks aria-hidden="true" /> Select
            </Button>
          )
        ) : null}
      </div>
      {selecting && ids.length ? (
        <Card className="sticky top-2 z-10 mb-4 overflow-hidden">
          <BulkBar
            resource="tasks"
            noun={['task', 'tasks']}
            selection={{ ids, all: false, filter: {} }}
            total={ids.length}
            pageCount={ids.length}
            columns={BULK_FIELDS}
            hasTags
            hasOwner
            onSelectAll={() => undefined}
            onClear={() => setSelected(new Set())}
          />
        </Card>
      ) : null}
      {tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.isPending ? (
        <div aria-busy="true" className="space-y-3">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : tasks.data.data.length === 0 ? (
        <Card>
          <EmptyState icon={<CheckSquare aria-hidden="true" />} title="Nothing here" message={view === 'mine' ? 'No tasks are assigned to you.' : 'No tasks in this view.'} action={newButton} />
        </Card>
      ) : (
        <div className={cn('space-y-4', tasks.isPlaceholderData && 'opacity-70 transition-opacity')}>
          {groupTasks(tasks.data.data).map(({ group, tasks: items }) => (
            <Card key={group} aria-labelledby={`group-${group}`}>
              <h2 id={`group-${group}`} className={cn('border-b border-zinc-200 px-4 py-2 text-sm font-semibold', group === 'Overdue' ? 'text-red-700' : 'text-zinc-700')}>
                {group} <span className="font-normal text-zinc-500">({items.length})</span>
              </h2>
              <ul aria-label={`${group} tasks`}>
                {items.map((t) => (
                  <TaskRow key={t.id} task={t} editable={editable} projectName={projectName(t.projectId)} select={selecting ? { checked: selected.has(t.id), onChange: (on) => pick(t.id, on) } : undefined} />
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
      <TaskFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
