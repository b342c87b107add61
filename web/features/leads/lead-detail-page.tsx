import { ArrowLeft, Mail, Pencil, Phone, Shuffle, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Fields, useDeleteWithUndo } from '../../components/record';
import { Timeline } from '../../components/timeline';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { formatDateTime, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useMembers } from '../settings/settings.queries';
import { ConvertLeadDialog } from './convert-lead-dialog';
import { LeadFormDialog } from './lead-form';
import { leadTone } from './leads-list-page';
import { useDeleteLead, useLead, useLeadActivities, useRestoreLead } from './leads.queries';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';

const link = 'font-medium text-indigo-700 hover:underline';

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const lead = useLead(id);
  const activities = useLeadActivities(id);
  const customFields = useActiveFields('lead');
  const members = useMembers();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteLead();
  const deleteWithUndo = useDeleteWithUndo({ remove, restore: useRestoreLead(), listPath: '/leads', label: () => lead.data?.fullName || 'Lead' });

  const back = (
    <Link to="/leads" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft className="size-4" aria-hidden="true" /> Leads
    </Link>
  );
  if (lead.isError) return <>{back}<ErrorState error={lead.error} onRetry={() => lead.refetch()} /></>;
  if (lead.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  const l = lead.data;
  const name = l.fullName || l.email || l.companyName || 'Unnamed lead';
  const converted = l.status === 'converted';
  return (
    <>
      {back}
      <PageHeader
        title={name}
        description={[l.title, l.companyName].filter(Boolean).join(' at ') || undefined}
        actions={
          canEdit(me.role) ? (
            <>
              {converted ? null : (
                <Button onClick={() => setConverting(true)}>
                  <Shuffle aria-hidden="true" /> Convert
                </Button>
              )}
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
        <Card className="p-6 lg:col-span-2" aria-labelledby="lead-details">
          <h2 id="lead-details" className="mb-4 text-base font-semibold">Details</h2>
          <Fields
            items={[
              { label: 'Status', value: <Badge tone={leadTone[l.status]}>{titleCase(l.status)}</Badge> },
              { label: 'Score', value: l.score },
              { label: 'Email', value: l.email ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`mailto:${l.email}`}><Mail className="size-3.5" aria-hidden="true" />{l.email}</a> : null },
              { label: 'Phone', value: l.phone ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`tel:${l.phone}`}><Phone className="size-3.5" aria-hidden="true" />{l.phone}</a> : null },
              { label: 'Company', value: l.companyName },
              { label: 'Job title', value: l.title },
              { label: 'Source', value: l.source },
              { label: 'Owner', value: members.data?.find((m) => m.userId === l.ownerId)?.name },
              { label: 'Added', value: formatDateTime(l.createdAt) },
              { label: 'Converted', value: l.convertedAt ? formatDateTime(l.convertedAt) : null },
              ...customFieldItems(customFields, l),
            ]}
          />
          {converted ? (
            <p className="mt-6 flex flex-wrap gap-x-4 gap-y-1 rounded-md bg-zinc-50 p-3 text-sm">
              <span className="text-zinc-600">Converted into:</span>
              {l.convertedDealId ? <Link className={link} to={`/deals/${l.convertedDealId}`}>Deal</Link> : null}
              {l.convertedContactId ? <Link className={link} to={`/contacts/${l.convertedContactId}`}>Contact</Link> : null}
              {l.convertedCompanyId ? <Link className={link} to={`/companies/${l.convertedCompanyId}`}>Company</Link> : null}
            </p>
          ) : null}
          {l.notes ? (
            <div className="mt-6">
              <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Notes</h3>
              <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-800">{l.notes}</p>
            </div>
          ) : null}
        </Card>
        <Card className="p-6 lg:self-start" aria-labelledby="lead-timeline">
          <h2 id="lead-timeline" className="mb-4 text-base font-semibold">Timeline</h2>
          <Timeline activities={activities.data} isPending={activities.isPending} error={activities.error} noun="lead" />
        </Card>
      </div>
      <NotesSection relatedType="lead" relatedId={l.id} />
      <AttachmentsSection relatedType="lead" relatedId={l.id} />
      <LeadFormDialog open={editing} onOpenChange={setEditing} lead={l} />
      <ConvertLeadDialog open={converting} onOpenChange={setConverting} lead={l} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${name}?`}
        description="The lead disappears from lists and search. You can undo this right after."
        confirmLabel="Delete lead"
        pending={remove.isPending}
        onConfirm={async () => {
          if (await deleteWithUndo(l.id)) setConfirming(false);
        }}
      />
    </>
  );
}
