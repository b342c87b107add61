// /projects: search, status filter, a grid with inline edit (status, due date), sort, pagination,
// export and the New project dialog.
import { FolderKanban } from 'lucide-react';
import { useMemo } from 'react';
import { PROJECT_STATUSES, type Project } from '../../../contracts/projects';
import { PageHeader } from '../../components/app-shell';
import { EmptyState } from '../../components/data-table';
import { dateEditor, selectEditor } from '../../components/grid/editors';
import type { GridColumn } from '../../components/grid/grid-types';
import { useDataGrid } from '../../components/grid/use-data-grid';
import { ListTable, ListToolbar, NameLink, StatusFilter, useListPage, useNewRecord } from '../../components/list-page';
import { Badge } from '../../components/ui/misc';
import { formatDate, formatDateTime } from '../../lib/utils';
import { ExportMenu } from '../export/export-menu';
import { ProjectFormDialog } from './project-form';
import { projectStatusTone, statusLabel, useProjects } from './projects.queries';

const FILTERS = ['status'] as const;
const statusOptions = PROJECT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }));

export function ProjectsListPage() {
  const { creating, setCreating, newButton } = useNewRecord('New project');
  const list = useListPage('-updatedAt', FILTERS);
  const projects = useProjects(list.params);
  const columns = useMemo(
    (): GridColumn<Project>[] => [
      { id: 'name', header: 'Name', sort: 'name', size: 200, pinned: true, cell: (p) => <NameLink to={`/projects/${p.id}`}>{p.name}</NameLink> },
      { id: 'status', header: 'Status', sort: 'status', size: 130, cell: (p) => <Badge tone={projectStatusTone[p.status]}>{statusLabel(p.status)}</Badge>, edit: selectEditor('status', 'Status', statusOptions) },
      { id: 'company', header: 'Organization', size: 160, cell: (p) => p.company?.name ?? '—' },
      { id: 'assignees', header: 'Assignees', size: 160, cell: (p) => p.assignees?.map((a) => a.name).join(', ') || '—' },
      { id: 'dueDate', header: 'Due', sort: 'dueDate', size: 130, cell: (p) => (p.dueDate ? formatDate(`${p.dueDate}T00:00:00`) : '—'), edit: dateEditor('dueDate', 'Due date') },
      { id: 'updatedAt', header: 'Updated', sort: 'updatedAt', size: 140, cell: (p) => formatDateTime(p.updatedAt) },
    ],
    [],
  );
  const grid = useDataGrid('projects', 'projects', columns);

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
        {grid.menu}
      </ListToolbar>

      <ListTable
        query={projects}
        list={list}
        label="Projects"
        noMatches="No projects match your search or filters."
        empty={<EmptyState icon={<FolderKanban aria-hidden="true" />} title="No projects yet" message="Track onboarding, rollouts and other work with its tasks." action={newButton} />}
        grid={grid}
        href={(p) => `/projects/${p.id}`}
      />
      <ProjectFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
