// Projects of a company, or of a contact (its company's projects and those of its deals), with
// Add project in place (the form starts with the company, and the deal on a deal's page).
import { useState } from 'react';
import { Link } from 'react-router';
import type { Project } from '../../../contracts/projects';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { Badge } from '../../components/ui/misc';
import { formatDate } from '../../lib/utils';
import { ProjectFormDialog } from '../projects/project-form';
import { projectStatusTone, statusLabel, useProjects } from '../projects/projects.queries';

interface RelatedProjectsProps {
  companyId: string | null;
  /** Deals whose projects also count (a contact's deals). */
  dealIds?: string[];
  company?: { id: string; name: string } | null;
  /** The deal a project added here belongs to (a deal's page). */
  forDeal?: string;
  editable: boolean;
  empty: string;
}

export function RelatedProjects({ companyId, dealIds = [], company, forDeal, editable, empty }: RelatedProjectsProps) {
  const byCompany = useProjects({ filter: { companyId: companyId ?? '' }, sort: '-updatedAt', limit: 50 }, { enabled: Boolean(companyId) });
  const byDeal = useProjects({ filter: { dealId: { in: dealIds.slice(0, 200) } }, sort: '-updatedAt', limit: 50 }, { enabled: dealIds.length > 0 });
  const [adding, setAdding] = useState(false);
  const parts = [companyId ? byCompany : null, dealIds.length ? byDeal : null].filter((q) => q !== null);
  const seen = new Set<string>();
  const rows: Project[] = parts.flatMap((q) => q.data?.data ?? []).filter((p) => !seen.has(p.id) && Boolean(seen.add(p.id)));
  const failed = parts.find((q) => q.isError);
  return (
    <>
      <RelatedCard
        id="related-projects"
        title="Projects"
        total={parts.every((q) => q.data) ? rows.length : null}
        isPending={parts.some((q) => q.isPending)}
        error={failed?.error}
        onRetry={() => parts.forEach((q) => q.refetch())}
        add={editable ? { label: 'Add project', onClick: () => setAdding(true) } : undefined}
        empty={empty}
        count={rows.length}
      >
        {rows.map((p) => (
          <RelatedRow
            key={p.id}
            main={<Link to={`/projects/${p.id}`} className="hover:text-indigo-700 hover:underline">{p.name}</Link>}
            details={[p.progress ? `${p.progress.done} of ${p.progress.total} tasks done` : null, p.dueDate ? `Due ${formatDate(`${p.dueDate}T00:00:00`)}` : null].filter(Boolean).join(' · ') || undefined}
            aside={<Badge tone={projectStatusTone[p.status]}>{statusLabel(p.status)}</Badge>}
          />
        ))}
      </RelatedCard>
      <ProjectFormDialog open={adding} onOpenChange={setAdding} company={company} dealId={forDeal} onCreated={() => undefined} />
    </>
  );
}
