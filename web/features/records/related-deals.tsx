// The deals of a contact (as primary or further contact) or a company, with Add deal in place
// (the deal form starts with this contact / company).
import { useState } from 'react';
import { Link } from 'react-router';
import type { Deal } from '../../../contracts/sales';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { Badge } from '../../components/ui/misc';
import { formatMoney } from '../../lib/money';
import { formatDate } from '../../lib/utils';
import { DealFormDialog } from '../deals/deal-form';
import { useDeals } from '../deals/deals.queries';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;
const LIMIT = 50;

interface RelatedDealsProps {
  /** `{ contactId }` or `{ companyId }`: the deals list filter. */
  filter: Record<string, string>;
  editable: boolean;
  empty: string;
  company?: { id: string; name: string } | null;
  primaryContact?: { id: string; name: string } | null;
}

export function RelatedDeals({ filter, editable, empty, company, primaryContact }: RelatedDealsProps) {
  const deals = useDeals({ filter, sort: '-updatedAt', limit: LIMIT });
  const [adding, setAdding] = useState(false);
  const rows = deals.data?.data ?? [];
  return (
    <>
      <RelatedCard
        id="related-deals"
        title="Deals"
        total={deals.data?.total}
        isPending={deals.isPending}
        error={deals.error}
        onRetry={() => deals.refetch()}
        add={editable ? { label: 'Add deal', onClick: () => setAdding(true) } : undefined}
        empty={empty}
        count={rows.length}
      >
        {rows.map((d) => <DealRow key={d.id} deal={d} />)}
      </RelatedCard>
      <DealFormDialog open={adding} onOpenChange={setAdding} company={company} primaryContact={primaryContact} onCreated={() => undefined} />
    </>
  );
}

function DealRow({ deal: d }: { deal: Deal }) {
  const close = d.closedAt ? `Closed ${formatDate(d.closedAt)}` : d.expectedCloseDate ? `Closes ${formatDate(`${d.expectedCloseDate}T00:00:00`)}` : null;
  return (
    <RelatedRow
      main={<Link to={`/deals/${d.id}`} className="hover:text-indigo-700 hover:underline">{d.name}</Link>}
      details={[d.amount !== null ? formatMoney(d.amount, d.currency) : null, d.company?.name, close].filter(Boolean).join(' · ') || undefined}
      aside={d.stage ? <Badge tone={stageTone[d.stage.kind]}>{d.stage.name}</Badge> : null}
    />
  );
}
