// /projects/:id: details with edit and delete (undo in the toast), progress, tasks, notes, timeline.
import { ArrowLeft, Building2, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Fields, useDeleteWithUndo } from '../../components/record';
import { Timeline } from '../../components/timeline';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { formatDate, formatDateTime, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
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
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteProject();
  const deleteWithUndo = useDeleteWithUndo({ remove, restore: useRestoreProject(), listPath: '/projects', label: () => project.data?.name || 'Project' });

  const back = (
    <Link to="/projects" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft className="size-4" aria-hidden="true" /> Projects
    </Link>
  );
  if (project.isError) return <>{back}<ErrorState error={project.error} onRetry={() => project.refetch()} /></>;
  if (project.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }

  const p = project.data;
  return (
    <>
      {back}
      <PageHeader
        title={p.name}
        description={p.company?.name}
        actions={
          editable ? (
            <>
              <Button variant="secondary" onClick={() => setEditing(true)}>
                <Pencil aria-hidden="true" /> Edit
              </Button>
              <Button variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)}>
                <Trash2 aria-hidden="true" /> Delete
              </Button>
            </>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card className="p-6" aria-labelledby="project-details">
            <h2 id="project-details" className="mb-4 text-base font-semibold">Details</h2>
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
                { label: 'Updated', value: formatDateTime(p.updatedAt) },
              ]}
            />
            {p.description ? (
              <div className="mt-6">
                <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Description</h3>
                <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-800">{p.description}</p>
              </div>
            ) : null}
            <Progress done={p.progress?.done ?? 0} total={p.progress?.total ?? 0} />
          </Card>
          <ProjectTasks projectId={p.id} editable={editable} />
          <NotesSection relatedType="project" relatedId={p.id} />
          <AttachmentsSection relatedType="project" relatedId={p.id} />
        </div>
        <Card className="p-6 lg:self-start" aria-labelledby="project-timeline">
          <h2 id="project-timeline" className="mb-4 text-base font-semibold">Timeline</h2>
          <Timeline activities={activities.data} isPending={activities.isPending} error={activities.error} noun="project" />
        </Card>
      </div>
      <ProjectFormDialog open={editing} onOpenChange={setEditing} project={p} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${p.name}?`}
        description="The project disappears from lists and search. You can undo this right after."
        confirmLabel="Delete project"
        pending={remove.isPending}
        onConfirm={async () => {
          if (await deleteWithUndo(p.id)) setConfirming(false);
        }}
      />
    </>
  );
}
