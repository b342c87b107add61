// Create / edit a task in a dialog. A task made from a project's page belongs to that project, one
// made from a record's page ("Add task") is linked to that record; otherwise the form picks the
// project and the record it is about. Validation is the contract's TaskCreateSchema.
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Member } from '../../../contracts/members';
import type { Project } from '../../../contracts/projects';
import { RELATED_TYPES, TASK_PRIORITIES, TASK_STATUSES, TASK_TYPES, TaskCreateSchema, type Task } from '../../../contracts/tasks';
import { EditConflict } from '../../components/edit-conflict';
import { useRecordSubmit } from '../../components/record-form';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { titleCase } from '../../lib/utils';
import { useMe } from '../auth/session';
import { statusLabel, useProjects } from '../projects/projects.queries';
import { useMembers } from '../settings/settings.queries';
import { RecordPicker, type RelatedRef } from './record-picker';
import { dateFromDueAt, dueAtFromDate, type TaskCreate, useCreateTask, useUpdateTask } from './tasks.queries';

const text = z.string();
const TaskFormSchema = z
  .object({
    title: text, description: text, status: z.enum(TASK_STATUSES), priority: z.enum(TASK_PRIORITIES), type: z.enum(TASK_TYPES),
    dueDate: text, assigneeId: text, projectId: text, related: z.object({ type: z.enum(RELATED_TYPES), id: z.string() }).nullable(),
  })
  .transform((v): TaskCreate => ({
    title: v.title, description: blankToNull(v.description), status: v.status, priority: v.priority, type: v.type,
    dueAt: dueAtFromDate(v.dueDate), assigneeId: blankToNull(v.assigneeId), projectId: blankToNull(v.projectId),
    relatedType: v.related?.type ?? null, relatedId: v.related?.id ?? null,
  }))
  .pipe(TaskCreateSchema);
type TaskFormValues = z.input<typeof TaskFormSchema>;
const FIELDS = ['title', 'description', 'status', 'priority', 'type', 'dueAt', 'assigneeId', 'projectId'] as const;

interface TaskFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this task; without it the dialog creates one. */
  task?: Task;
  /** The project a new task belongs to (its page's Add task); the project field is then hidden. */
  projectId?: string;
  /** The record a new task is about (a record page's Add task); preset in the Related to field. */
  related?: RelatedRef;
}

export function TaskFormDialog({ open, onOpenChange, task, projectId, related }: TaskFormDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={task ? 'Edit task' : 'New task'} className="max-w-2xl">
      {open ? <TaskForm task={task} projectId={projectId} related={related} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

type FormProps = { task?: Task; projectId?: string; related?: RelatedRef; onDone: () => void };

/** The selects need their options before the form mounts, or an edited task's values would not show. */
function TaskForm(props: FormProps) {
  const members = useMembers({ fresh: true });
  const projects = useProjects({ limit: 200, sort: 'name' }, { enabled: !props.projectId });
  if (!members.data || (!props.projectId && !projects.data)) return <p className="py-8 text-center text-sm text-zinc-500">Loading…</p>;
  return <TaskFormFields {...props} members={members.data} projects={projects.data?.data ?? []} />;
}

function TaskFormFields({ task, projectId, related, onDone, members, projects }: FormProps & { members: Member[]; projects: Project[] }) {
  const me = useMe();
  const fixedProject = Boolean(projectId);
  const create = useCreateTask();
  const update = useUpdateTask();
  const defaults = (t?: Task): TaskFormValues => ({
    title: t?.title ?? '', description: t?.description ?? '', status: t?.status ?? 'todo', priority: t?.priority ?? 'medium',
    type: t?.type ?? 'todo', dueDate: dateFromDueAt(t?.dueAt ?? null), assigneeId: t ? (t.assigneeId ?? '') : me.user.id,
    projectId: t?.projectId ?? projectId ?? '',
    related: t ? (t.relatedType && t.relatedId ? { type: t.relatedType, id: t.relatedId } : null) : (related ?? null),
  });
  const form = useForm<TaskFormValues, unknown, z.output<typeof TaskFormSchema>>({
    resolver: zodResolver(TaskFormSchema),
    defaultValues: defaults(task),
  });
  const { errors, isSubmitting } = form.formState;

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    form,
    fields: FIELDS,
    record: task,
    onReload: (current) => form.reset(defaults(current as Task)),
    save: async (body, version) => {
      if (task) await update.mutateAsync({ id: task.id, body, version });
      else await create.mutateAsync(body);
      toast.success(task ? 'Task saved' : `Task ${body.title} created`);
      onDone();
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="tasks" labels={{ dueAt: 'Due date' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('title')} />
        </Field>
        <Field label="Type" error={errors.type?.message}>
          <Select {...form.register('type')}>
            {TASK_TYPES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </Select>
        </Field>
        <Field label="Priority" error={errors.priority?.message}>
          <Select {...form.register('priority')}>
            {TASK_PRIORITIES.map((s) => <option key={s} value={s}>{titleCase(s)}</option>)}
          </Select>
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            {TASK_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </Select>
        </Field>
        <Field label="Due date" error={errors.dueDate?.message}>
          <Input type="date" {...form.register('dueDate')} />
        </Field>
        <Field label="Assignee" error={errors.assigneeId?.message}>
          <Select {...form.register('assigneeId')}>
            <option value="">Nobody</option>
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </Select>
        </Field>
        {fixedProject ? null : (
          <Field label="Project" error={errors.projectId?.message}>
            <Select {...form.register('projectId')}>
              <option value="">No project</option>
              {projects.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </Select>
          </Field>
        )}
        <Controller
          control={form.control}
          name="related"
          render={({ field }) => (
            <Field label="Related to" error={errors.related?.message} className={fixedProject ? undefined : 'sm:col-span-2'}>
              <RecordPicker value={field.value} onChange={field.onChange} />
            </Field>
          )}
        />
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>Cancel</Button>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? 'Saving…' : task ? 'Save changes' : 'Create task'}</Button>
      </div>
    </form>
  );
}
