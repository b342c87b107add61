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
import { formatMoney } from '../../lib/money';
import { formatDate, formatDateTime } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useContacts } from '../contacts/contacts.queries';
import { useMembers } from '../settings/settings.queries';
import { DealFormDialog } from './deal-form';
import { StageHistory } from './stage-history';
import { useDeal, useDealActivities, useDeleteDeal, useRestoreDeal } from './deals.queries';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;

export function DealDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const deal = useDeal(id);
  const activities = useDealActivities(id);
  const customFields = useActiveFields('deal');
  const members = useMembers();
  const contactIds = deal.data ? [...new Set([deal.data.primaryContactId, ...deal.data.contactIds].filter((x): x is string => Boolean(x)))] : [];
  const contacts = useContacts({ limit: 50, filter: { id: { in: contactIds } } }, { enabled: contactIds.length > 0 });
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteDeal();
  const deleteWithUndo = useDeleteWithUndo({ remove, restore: useRestoreDeal(), listPath: '/deals', label: () => deal.data?.name || 'Deal' });

  const back = (
    <Link to="/deals" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft className="size-4" aria-hidden="true" /> Deals
    </Link>
  );
  if (deal.isError) return <>{back}<ErrorState error={deal.error} onRetry={() => deal.refetch()} /></>;
  if (deal.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }

  const d = deal.data;
  const owner = members.data?.find((m) => m.userId === d.ownerId)?.name;
  const contactName = (cid: string) => {
    const c = contacts.data?.data.find((x) => x.id === cid);
    return c ? c.fullName || c.email || 'Unnamed contact' : 'Contact';
  };
  const contactLink = (cid: string) => (
    <Link key={cid} to={`/contacts/${cid}`} className="font-medium text-indigo-700 hover:underline">
      {contactName(cid)}
    </Link>
  );
  const others = d.contactIds.filter((c) => c !== d.primaryContactId);
  return (
    <>
      {back}
      <PageHeader
        title={d.name}
        description={[d.stage?.name, d.company?.name].filter(Boolean).join(' · ') || undefined}
        actions={
          canEdit(me.role) ? (
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
        <div className="space-y-6 lg:col-span-2">
          <Card className="p-6" aria-labelledby="deal-details">
            <h2 id="deal-details" className="mb-4 text-base font-semibold">Details</h2>
            <Fields
              items={[
                { label: 'Amount', value: formatMoney(d.amount, d.currency) },
                { label: 'Weighted', value: d.weightedAmount ? `${formatMoney(d.weightedAmount, d.currency)} (${d.effectiveProbability ?? d.stage?.probability ?? 0}%)` : null },
                { label: 'Stage', value: d.stage ? <Badge tone={stageTone[d.stage.kind]}>{d.stage.name}</Badge> : null },
                { label: 'Expected close', value: d.expectedCloseDate ? formatDate(`${d.expectedCloseDate}T00:00:00`) : null },
                {
                  label: 'Company',
                  value: d.company ? (
                    <Link to={`/companies/${d.company.id}`} className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
                      <Building2 className="size-3.5" aria-hidden="true" />
                      {d.company.name}
                    </Link>
                  ) : null,
                },
                { label: 'Owner', value: owner },
                { label: 'Primary contact', value: d.primaryContactId ? contactLink(d.primaryContactId) : null },
                { label: 'Other contacts', value: others.length ? <span className="flex flex-wrap gap-x-3">{others.map(contactLink)}</span> : null },
                { label: 'Source', value: d.source },
                { label: 'Lost reason', value: d.lostReason },
                { label: 'Tags', value: d.tags.length ? <TagChips tags={d.tags} /> : null },
                { label: 'Closed', value: d.closedAt ? formatDateTime(d.closedAt) : null },
                { label: 'Added', value: formatDateTime(d.createdAt) },
                ...customFieldItems(customFields, d),
              ]}
            />
            {d.description ? (
              <div className="mt-6">
                <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Description</h3>
                <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-800">{d.description}</p>
              </div>
            ) : null}
          </Card>
          <Card className="p-6" aria-labelledby="deal-stages">
            <h2 id="deal-stages" className="mb-4 text-base font-semibold">Stage history</h2>
            <StageHistory activities={activities.data} />
          </Card>
        </div>
        <Card className="p-6 lg:self-start" aria-labelledby="deal-timeline">
          <h2 id="deal-timeline" className="mb-4 text-base font-semibold">Timeline</h2>
          <Timeline activities={activities.data} isPending={activities.isPending} error={activities.error} noun="deal" />
        </Card>
      </div>
      <NotesSection relatedType="deal" relatedId={d.id} />
      <AttachmentsSection relatedType="deal" relatedId={d.id} />
      <DealFormDialog open={editing} onOpenChange={setEditing} deal={d} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${d.name}?`}
        description="The deal disappears from the board and lists. You can undo this right after."
        confirmLabel="Delete deal"
        pending={remove.isPending}
        onConfirm={async () => {
          if (await deleteWithUndo(d.id)) setConfirming(false);
        }}
      />
    </>
  );
}
