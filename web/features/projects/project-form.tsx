// Create / edit a project in a dialog: company picker, several members as assignees, dates, tags
// and the project custom fields.
// Validation is the contract's ProjectCreateSchema fed the form's strings (blank → null).
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { PROJECT_PRIORITIES, PROJECT_STATUSES, ProjectCreateSchema, type Project } from '../../../contracts/projects';
import { EditConflict } from '../../components/edit-conflict';
import { FormActions, Options, RecordFormDialog, useRecordSubmit } from '../../components/record-form';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { blankToNull } from '../../lib/forms';
import { CompanyPicker } from '../contacts/company-picker';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../custom-fields/custom-field-inputs';
import { useCustomFieldsForm } from '../custom-fields/use-custom-fields-form';
import { TagsField } from '../tags/tags-field';
import { MemberMultiSelect } from './member-multi-select';
import { statusLabel, type ProjectCreate, useCreateProject, useUpdateProject } from './projects.queries';

const text = z.string();
const ProjectFormSchema = z
  .object({
    name: text, description: text, status: z.enum(PROJECT_STATUSES), priority: z.enum(PROJECT_PRIORITIES),
    companyId: z.string().nullable(), assigneeIds: z.array(z.string()), startDate: text, dueDate: text, tags: z.array(z.string()),
  })
  .transform((v): ProjectCreate => ({
    name: v.name, description: blankToNull(v.description), status: v.status, priority: v.priority, companyId: v.companyId,
    assigneeIds: v.assigneeIds, startDate: blankToNull(v.startDate), dueDate: blankToNull(v.dueDate), tags: v.tags,
  }))
  .pipe(ProjectCreateSchema);
type ProjectFormValues = z.input<typeof ProjectFormSchema>;
const FIELDS = ['name', 'description', 'status', 'priority', 'companyId', 'assigneeIds', 'startDate', 'dueDate', 'tags'] as const;

/** A new project has its creator as assignee, and the company of the page it was added from. */
function defaults(me: string, p?: Project, companyId?: string): ProjectFormValues {
  return {
    name: p?.name ?? '', description: p?.description ?? '', status: p?.status ?? 'planned', priority: p?.priority ?? 'medium',
    companyId: p ? p.companyId : (companyId ?? null), assigneeIds: p ? p.assigneeIds : [me], startDate: p?.startDate ?? '', dueDate: p?.dueDate ?? '', tags: p?.tags ?? [],
  };
}

interface ProjectFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  project?: Project;
  /** Preset company / deal when adding from a record's page. */
  company?: { id: string; name: string } | null;
  dealId?: string;
  /** Called with a new project instead of opening its page (adding in place). */
  onCreated?: (project: Project) => void;
}

export function ProjectFormDialog({ open, onOpenChange, project, company, dealId, onCreated }: ProjectFormDialogProps) {
  return (
    <RecordFormDialog open={open} onOpenChange={onOpenChange} title={project ? 'Edit project' : 'New project'}>
      {(onDone) => <ProjectForm project={project} company={company} dealId={dealId} onCreated={onCreated} onDone={onDone} />}
    </RecordFormDialog>
  );
}

function ProjectForm({ project, company, dealId, onCreated, onDone }: Omit<ProjectFormDialogProps, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const create = useCreateProject();
  const update = useUpdateProject();
  const custom = useCustomFieldsForm('project', project);
  const [companyName, setCompanyName] = useState<string | null>(project ? (project.company?.name ?? null) : (company?.name ?? null));
  const form = useForm<ProjectFormValues, unknown, z.output<typeof ProjectFormSchema>>({ resolver: zodResolver(ProjectFormSchema), defaultValues: defaults(me.user.id, project, company?.id) });
  const { errors, isSubmitting } = form.formState;

  const { onSubmit, formError, conflict, reload, overwrite, overwriting } = useRecordSubmit({
    record: project,
    onReload: (current) => {
      const p = current as Project;
      form.reset(defaults(me.user.id, p));
      setCompanyName(p.company?.name ?? null);
    },
    form,
    fields: FIELDS,
    custom,
    save: async (body, version) => {
      if (project) {
        await update.mutateAsync({ id: project.id, body, version });
        toast.success('Project saved');
        onDone();
      } else {
        const created = await create.mutateAsync({ ...body, ...(dealId ? { dealId } : {}) });
        toast.success(`Project ${created.name} created`);
        onDone();
        if (onCreated) onCreated(created);
        else navigate(`/projects/${created.id}`);
      }
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <EditConflict conflict={conflict} resource="projects" labels={{ companyId: 'Organization' }} onReload={reload} onOverwrite={overwrite} busy={overwriting} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message} className="sm:col-span-2">
          <Input autoFocus autoComplete="off" {...form.register('name')} />
        </Field>
        <Field label="Status" error={errors.status?.message}>
          <Select {...form.register('status')}>
            <Options values={PROJECT_STATUSES} label={statusLabel} />
          </Select>
        </Field>
        <Field label="Priority" error={errors.priority?.message}>
          <Select {...form.register('priority')}>
            <Options values={PROJECT_PRIORITIES} />
          </Select>
        </Field>
        <Controller
          control={form.control}
          name="companyId"
          render={({ field }) => (
            <Field label="Organization" error={errors.companyId?.message}>
              <CompanyPicker
                value={field.value}
                selectedName={companyName}
                onChange={(c) => {
                  setCompanyName(c?.name ?? null);
                  field.onChange(c?.id ?? null);
                }}
              />
            </Field>
          )}
        />
        <Controller
          control={form.control}
          name="assigneeIds"
          render={({ field }) => (
            <Field label="Assignees" error={errors.assigneeIds?.message}>
              <MemberMultiSelect value={field.value} onChange={field.onChange} />
            </Field>
          )}
        />
        <Field label="Start date" error={errors.startDate?.message}>
          <Input type="date" {...form.register('startDate')} />
        </Field>
        <Field label="Due date" error={errors.dueDate?.message}>
          <Input type="date" {...form.register('dueDate')} />
        </Field>
        <TagsField control={form.control} error={errors.tags?.message} className="sm:col-span-2" />
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </div>
      <CustomFieldInputs form={custom} />
      <FormActions onCancel={onDone} submitting={isSubmitting} submitLabel={project ? 'Save changes' : 'Create project'} />
    </form>
  );
}
