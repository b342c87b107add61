// /projects: search, status filter, sort, pagination, export and the New project dialog.
import { FolderKanban } from 'lucide-react';
import { PROJECT_STATUSES } from '../../../contracts/projects';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, SortHeader } from '../../components/data-table';
import { ListTable, ListToolbar, NameCell, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge, Td, Th } from '../../components/ui/misc';
import { formatDate, formatDateTime } from '../../lib/utils';
import { ExportMenu } from '../export/export-menu';
import { ProjectFormDialog } from './project-form';
import { projectStatusTone, statusLabel, useProjects } from './projects.queries';

const FILTERS = ['status'] as const;

export function ProjectsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New project');
  const list = useListPage('-updatedAt', FILTERS);
  const projects = useProjects(list.params);

  return (
    <>
      <PageHeader
        title="Projects"
        description="Work you deliver for your customers."
        actions={
          <>
            <ExportMenu resource="projects" query={list.exportQuery} />
            {newButton}
          </>
        }
      />
      <ListToolbar list={list} searchLabel="Search projects">
        <StatusFilter list={list} values={PROJECT_STATUSES} label={statusLabel} className="sm:w-44" />
      </ListToolbar>

      <ListTable
        query={projects}
        list={list}
        label="Projects"
        noMatches="No projects match your search or filters."
        empty={<EmptyState icon={<FolderKanban aria-hidden="true" />} title="No projects yet" message="Track onboarding, rollouts and other work with its tasks." action={newButton} />}
        columns={6}
        href={(p) => `/projects/${p.id}`}
        head={
          <>
            <SortHeader field="name" label="Name" {...list.sortProps} />
            <SortHeader field="status" label="Status" {...list.sortProps} />
            <Th className="hidden md:table-cell">Organization</Th>
            <Th className="hidden md:table-cell">Assignees</Th>
            <SortHeader field="dueDate" label="Due" {...list.sortProps} />
            <SortHeader field="updatedAt" label="Updated" {...list.sortProps} className="hidden lg:table-cell" />
          </>
        }
      >
        {(p) => (
          <>
            <NameCell to={`/projects/${p.id}`}>{p.name}</NameCell>
            <Td>
              <Badge tone={projectStatusTone[p.status]}>{statusLabel(p.status)}</Badge>
            </Td>
            <Td className="hidden text-zinc-600 md:table-cell">{p.company?.name ?? '—'}</Td>
            <Td className="hidden text-zinc-600 md:table-cell">{p.assignees?.map((a) => a.name).join(', ') || '—'}</Td>
            <Td className="text-zinc-600">{p.dueDate ? formatDate(`${p.dueDate}T00:00:00`) : '—'}</Td>
            <Td className="hidden text-zinc-500 lg:table-cell">{formatDateTime(p.updatedAt)}</Td>
          </>
        )}
      </ListTable>
      <ProjectFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
