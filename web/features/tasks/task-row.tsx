// One task on /tasks: a checkbox that completes it at once (optimistic), the title, due date and
// priority editable in place (saved on Enter / blur / change), and a link to its project or record.
import { Link2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { TASK_PRIORITIES, type Task } from '../../../contracts/tasks';
import { Input, Select } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { cn, titleCase } from '../../lib/utils';
import { dateFromDueAt, dueAtFromDate, relatedPath, useToggleTask, useUpdateTask, type TaskUpdate } from './tasks.queries';

/** `select`: while the page is in selection mode, the row's box selects it instead of completing it (the bulk bar completes many). */
export function TaskRow({ task, editable, projectName, select }: { task: Task; editable: boolean; projectName?: string; select?: { checked: boolean; onChange: (checked: boolean) => void } }) {
  const toggle = useToggleTask();
  const update = useUpdateTask();
  const [title, setTitle] = useState(task.title);
  useEffect(() => setTitle(task.title), [task.title]);
  const done = task.status === 'done';

  async function save(body: TaskUpdate) {
    try {
      await update.mutateAsync({ id: task.id, body });
    } catch (e) {
      toast.error(errorMessage(e));
      setTitle(task.title);
    }
  }

  function saveTitle() {
    const t = title.trim();
    if (!t) setTitle(task.title);
    else if (t !== task.title) void save({ title: t });
  }

  const link = task.projectId ? { to: `/projects/${task.projectId}`, label: projectName ?? 'Project' } : (() => {
    const to = relatedPath(task.relatedType, task.relatedId);
    return to && task.relatedType ? { to, label: `Open ${task.relatedType}` } : null;
  })();

  return (
    <li className={cn('flex flex-wrap items-center gap-3 border-b border-zinc-100 px-4 py-2.5 last:border-b-0', select?.checked && 'bg-indigo-50')} data-task-id={task.id}>
      {select ? (
        <label className="flex shrink-0 items-center">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={select.checked} onChange={(e) => select.onChange(e.target.checked)} />
          <span className="sr-only">Select {task.title}</span>
        </label>
      ) : (
        <input
          type="checkbox"
          className="size-4 shrink-0 accent-indigo-600"
          checked={done}
          disabled={!editable}
          aria-label={done ? `Reopen ${task.title}` : `Complete ${task.title}`}
          onChange={(e) => toggle.mutate({ id: task.id, done: e.target.checked }, { onError: (err) => toast.error(errorMessage(err)) })}
        />
      )}
      <Input
        aria-label={`Title of ${task.title}`}
        value={title}
        readOnly={!editable}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={saveTitle}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setTitle(task.title);
        }}
        className={cn('h-8 min-w-40 flex-1 border-transparent bg-transparent shadow-none hover:border-zinc-300', done && 'text-zinc-500 line-through')}
      />
      {link ? (
        <Link to={link.to} className="inline-flex max-w-48 items-center gap-1 truncate text-xs font-medium text-indigo-700 hover:underline">
          <Link2 className="size-3.5 shrink-0" aria-hidden="true" />
          <span className="truncate">{link.label}</span>
        </Link>
      ) : null}
      <Input
        type="date"
        aria-label={`Due date of ${task.title}`}
        value={dateFromDueAt(task.dueAt)}
        disabled={!editable}
        onChange={(e) => void save({ dueAt: dueAtFromDate(e.target.value) })}
        className="h-8 w-40"
      />
      <Select aria-label={`Priority of ${task.title}`} value={task.priority} disabled={!editable} onChange={(e) => {
          const priority = TASK_PRIORITIES.find((p) => p === e.target.value);
          if (priority) void save({ priority });
        }} className="h-8 w-32">
        {TASK_PRIORITIES.map((p) => <option key={p} value={p}>{titleCase(p)}</option>)}
      </Select>
    </li>
  );
}
