// /projects/:id: details with edit and delete (undo in the toast), progress, tasks, notes, timeline.
import { Building2 } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { ShareButton } from '../records/share-button';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { AskAboutButton } from '../assistant/assistant-panel';
import { LogActivityButtons } from '../activities/log-activity';
import { Badge } from '../../components/ui/misc';
import { formatDate, formatDateTime, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';
import { ProjectFormDialog } from './project-form';
import { ProjectTasks } from './project-tasks';
import { projectStatusTone, statusLabel, useDeleteProject, useProject, useProjectActivities, useRestoreProject } from './projects.queries';

function Progress({ done, total }: { done: number; total: number }) {
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="mt-6">
      <div className="mb-1 flex justify-between text-sm">
        <span className="font-medium text-zinc-800">Progress</span>
        <span className="text-zinc-600">{done} of {total} tasks done</span>
      </div>
      <div role="progressbar" aria-label="Project progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${done} of ${total} tasks done`} className="h-2 overflow-hidden rounded-full bg-zinc-200">
        <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

const day = (d: string | null) => (d ? formatDate(`${d}T00:00:00`) : null);

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const editable = canEdit(me.role);
  const project = useProject(id);
  const activities = useProjectActivities(id);
  const customFields = useActiveFields('project');
  const actions = useRecordActions({ remove: useDeleteProject(), restore: useRestoreProject(), listPath: '/projects', label: () => project.data?.name || 'Project' });

  return (
    <RecordPage query={project} listPath="/projects" listLabel="Projects">
      {(p) => {
        return (
          <>
            <PageHeader
              title={p.name}
              description={p.company?.name}
              actions={
                <>
                  <AskAboutButton context={{ type: 'project', id: p.id, label: p.name }} />
                  {editable ? (
                    <>
                      <ShareButton resource="projects" id={p.id} name={p.name} />
                      <EditDeleteButtons actions={actions} />
                    </>
                  ) : null}
                </>
              }
            />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <div className="lg:col-span-2">
                <RecordSection id="project-details" title="Details" className="p-6">
                  <Fields
                    items={[
                      { label: 'Status', value: <Badge tone={projectStatusTone[p.status]}>{statusLabel(p.status)}</Badge> },
                      { label: 'Priority', value: titleCase(p.priority) },
                      {
                        label: 'Organization',
                        value: p.company ? (
                          <Link to={`/companies/${p.company.id}`} className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
                            <Building2 className="size-3.5" aria-hidden="true" />
                            {p.company.name}
                          </Link>
                        ) : null,
                      },
                      { label: 'Assignees', value: p.assignees?.map((a) => a.name).join(', ') },
                      { label: 'Start date', value: day(p.startDate) },
                      { label: 'Due date', value: day(p.dueDate) },
                      { label: 'Deal', value: p.dealId ? <Link to={`/deals/${p.dealId}`} className="font-medium text-indigo-700 hover:underline">Open deal</Link> : null },
                      { label: 'Tags', value: p.tags.length ? <TagChips tags={p.tags} /> : null },
                      ...customFieldItems(customFields, p),
                      { label: 'Updated', value: formatDateTime(p.updatedAt) },
                    ]}
                  />
                  <LongText title="Description" text={p.description} />
                  <Progress done={p.progress?.done ?? 0} total={p.progress?.total ?? 0} />
                </RecordSection>
                <ProjectTasks projectId={p.id} editable={editable} />
                <NotesSection relatedType="project" relatedId={p.id} />
                <AttachmentsSection relatedType="project" relatedId={p.id} />
              </div>
              <TimelineCard noun="project" activities={activities} actions={<LogActivityButtons relatedType="project" relatedId={p.id} name={p.name} />} />
            </div>
            <ProjectFormDialog open={actions.editing} onOpenChange={actions.setEditing} project={p} />
            <DeleteRecordDialog actions={actions} id={p.id} name={p.name} description="The project disappears from lists and search. You can undo this right after." confirmLabel="Delete project" />
          </>
        );
      }}
    </RecordPage>
  );
}
