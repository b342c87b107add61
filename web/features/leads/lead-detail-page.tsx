import { Mail, Phone, Shuffle } from 'lucide-react';
import { ScoreValue } from '../insights/score';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { AskAboutButton } from '../assistant/assistant-panel';
import { LogActivityButtons } from '../activities/log-activity';
import { Button } from '../../components/ui/button';
import { Badge } from '../../components/ui/misc';
import { formatDateTime, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useMembers } from '../settings/settings.queries';
import { ConvertLeadDialog } from './convert-lead-dialog';
import { LeadFormDialog } from './lead-form';
import { leadTone } from './leads-list-page';
import { useDeleteLead, useLead, useLeadActivities, useRestoreLead } from './leads.queries';
import { NotesSection } from '../notes/notes-section';
import { RelatedTasks } from '../records/related-tasks';
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
  const [converting, setConverting] = useState(false);
  const actions = useRecordActions({ remove: useDeleteLead(), restore: useRestoreLead(), listPath: '/leads', label: () => lead.data?.fullName || 'Lead' });

  return (
    <RecordPage query={lead} listPath="/leads" listLabel="Leads">
      {(l) => {
        const name = l.fullName || l.email || l.companyName || 'Unnamed lead';
        const converted = l.status === 'converted';
        return (
          <>
            <PageHeader
              title={name}
              description={[l.title, l.companyName].filter(Boolean).join(' at ') || undefined}
              actions={
                <>
                <AskAboutButton context={{ type: 'lead', id: l.id, label: name }} />
                {canEdit(me.role) ? (
                  <>
                    {converted ? null : (
                      <Button onClick={() => setConverting(true)}>
                        <Shuffle aria-hidden="true" /> Convert
                      </Button>
                    )}
                    <EditDeleteButtons actions={actions} />
                  </>
                ) : null}
                </>
              }
            />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <RecordSection id="lead-details" title="Details" className="p-6 lg:col-span-2">
                <Fields
                  items={[
                    { label: 'Status', value: <Badge tone={leadTone[l.status]}>{titleCase(l.status)}</Badge> },
                    { label: 'Score', value: <ScoreValue score={l.score} overridden={l.scoreOverridden} factors={l.scoreFactors} /> },
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
                <LongText title="Notes" text={l.notes} />
              </RecordSection>
              <TimelineCard noun="lead" activities={activities} actions={<LogActivityButtons relatedType="lead" relatedId={l.id} name={name} />} />
            </div>
            <div className="mt-6"><RelatedTasks relatedType="lead" relatedId={l.id} editable={canEdit(me.role)} /></div>
            <NotesSection relatedType="lead" relatedId={l.id} />
            <AttachmentsSection relatedType="lead" relatedId={l.id} />
            <LeadFormDialog open={actions.editing} onOpenChange={actions.setEditing} lead={l} />
            <ConvertLeadDialog open={converting} onOpenChange={setConverting} lead={l} />
            <DeleteRecordDialog actions={actions} id={l.id} name={name} description="The lead disappears from lists and search. You can undo this right after." confirmLabel="Delete lead" />
          </>
        );
      }}
    </RecordPage>
  );
}
