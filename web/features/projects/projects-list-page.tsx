// /projects: search, status filter, sort, pagination, export and the New project dialog.
import { FolderKanban, Plus } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_STATUSES } from '../../../contracts/projects';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, PAGE_SIZE, Pagination, SearchBox, SortHeader, TableSkeleton, useListState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Badge, Card, Table, Td, Th } from '../../components/ui/misc';
import { useCreateParam } from '../../lib/create-param';
import { formatDate, formatDateTime } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { ExportMenu } from '../export/export-menu';
import { ProjectFormDialog } from './project-form';
import { projectStatusTone, statusLabel, useProjects } from './projects.queries';

const FILTERS = ['status'] as const;

export function ProjectsListPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useCreateParam();
  const list = useListState('-updatedAt', FILTERS);
  const filter = list.filters.status ? { status: list.filters.status } : {};
  const projects = useProjects({ limit: PAGE_SIZE, offset: list.offset, sort: list.sort, q: list.q || undefined, filter });
  const newButton = canEdit(me.role) ? (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" /> New project
    </Button>
  ) : null;
  const onSort = (sort: string) => list.update({ sort });

  return (
    <>
      <PageHeader
        title="Projects"
        description="Work you deliver for your customers."
        actions={
          <>
            <ExportMenu resource="projects" query={{ q: list.q || undefined, sort: list.sort, filter }} />
            {newButton}
          </>
        }
      />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center">
        <SearchBox label="Search projects" value={list.q} onChange={(q) => list.update({ q })} />
        <Select aria-label="Filter by status" className="sm:w-44" value={list.filters.status} onChange={(e) => list.update({ status: e.target.value })}>
          <option value="">All statuses</option>
          {PROJECT_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
        </Select>
        {list.filtering ? <Button variant="ghost" onClick={list.clear}>Clear filters</Button> : null}
      </div>

      {projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => projects.refetch()} />
      ) : projects.data && projects.data.total === 0 ? (
        <Card>
          {list.filtering ? (
            <EmptyState title="No matches" message="No projects match your search or filters." action={<Button variant="secondary" onClick={list.clear}>Clear filters</Button>} />
          ) : (
            <EmptyState icon={<FolderKanban aria-hidden="true" />} title="No projects yet" message="Track onboarding, rollouts and other work with its tasks." action={newButton} />
          )}
        </Card>
      ) : (
        <Card className={projects.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}>
          <Table aria-label="Projects">
            <thead>
              <tr>
                <SortHeader field="name" label="Name" sort={list.sort} onSort={onSort} />
                <SortHeader field="status" label="Status" sort={list.sort} onSort={onSort} />
                <Th className="hidden md:table-cell">Organization</Th>
                <Th className="hidden md:table-cell">Assignees</Th>
                <SortHeader field="dueDate" label="Due" sort={list.sort} onSort={onSort} />
                <SortHeader field="updatedAt" label="Updated" sort={list.sort} onSort={onSort} className="hidden lg:table-cell" />
              </tr>
            </thead>
            {projects.isPending ? (
              <TableSkeleton columns={6} />
            ) : (
              <tbody>
                {projects.data.data.map((p) => (
                  <tr key={p.id} className="cursor-pointer hover:bg-zinc-50" onClick={() => navigate(`/projects/${p.id}`)}>
                    <Td className="font-medium">
                      <Link to={`/projects/${p.id}`} className="text-zinc-900 hover:text-indigo-700 hover:underline" onClick={(e) => e.stopPropagation()}>
                        {p.name}
                      </Link>
                    </Td>
                    <Td><Badge tone={projectStatusTone[p.status]}>{statusLabel(p.status)}</Badge></Td>
                    <Td className="hidden text-zinc-600 md:table-cell">{p.company?.name ?? '—'}</Td>
                    <Td className="hidden text-zinc-600 md:table-cell">{p.assignees?.map((a) => a.name).join(', ') || '—'}</Td>
                    <Td className="text-zinc-600">{p.dueDate ? formatDate(`${p.dueDate}T00:00:00`) : '—'}</Td>
                    <Td className="hidden text-zinc-500 lg:table-cell">{formatDateTime(p.updatedAt)}</Td>
                  </tr>
                ))}
              </tbody>
            )}
          </Table>
          {projects.data ? (
            <Pagination noun="Projects" offset={list.offset} limit={PAGE_SIZE} total={projects.data.total} estimate={projects.data.totalIsEstimate} onChange={(offset) => list.update({ offset })} />
          ) : null}
        </Card>
      )}
      <ProjectFormDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
