import { Building2 } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { ShareButton } from '../records/share-button';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { AskAboutButton } from '../assistant/assistant-panel';
import { LogActivityButtons } from '../activities/log-activity';
import { Badge } from '../../components/ui/misc';
import { formatMoney } from '../../lib/money';
import { formatDate, formatDateTime } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { useMembers } from '../settings/settings.queries';
import { DealFormDialog } from './deal-form';
import { StageHistory } from './stage-history';
import { useDeal, useDealActivities, useDeleteDeal, useRestoreDeal } from './deals.queries';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';
import { RelatedProjects } from '../records/related-projects';
import { RelatedTasks } from '../records/related-tasks';
import { RelatedEvents } from '../records/related-events';
import { ScheduleMeetingButton } from '../events/schedule-meeting';
import { DealContacts } from './deal-contacts';
import { StageStepper } from './stage-stepper';
import { BriefCard } from '../insights/brief-card';
import { DealInsightsCard } from '../insights/deal-insights-card';
import { DraftEmailButton } from '../insights/draft-email-dialog';

const stageTone = { open: 'neutral', won: 'customer', lost: 'churned' } as const;

export function DealDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const deal = useDeal(id);
  const activities = useDealActivities(id);
  const customFields = useActiveFields('deal');
  const members = useMembers();
  const editable = canEdit(me.role);
  const actions = useRecordActions({ remove: useDeleteDeal(), restore: useRestoreDeal(), listPath: '/deals', label: () => deal.data?.name || 'Deal' });

  return (
    <RecordPage query={deal} listPath="/deals" listLabel="Deals">
      {(d) => {
        const owner = members.data?.find((m) => m.userId === d.ownerId)?.name;
        return (
          <>
            <PageHeader
              title={d.name}
              description={[d.stage?.name, d.company?.name].filter(Boolean).join(' · ') || undefined}
              actions={
                <>
                  <AskAboutButton context={{ type: 'deal', id: d.id, label: d.name }} />
                  {editable ? <DraftEmailButton relatedType="deal" relatedId={d.id} name={d.name} /> : null}
                  {editable ? <ScheduleMeetingButton related={{ type: 'deal', id: d.id }} title={d.name} /> : null}
                  {editable ? (
                    <>
                      <ShareButton resource="deals" id={d.id} name={d.name} />
                      <EditDeleteButtons actions={actions} />
                    </>
                  ) : null}
                </>
              }
            />
            <div className="mb-6">
              <StageStepper deal={d} editable={editable} />
            </div>
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <div className="min-w-0 space-y-6 lg:col-span-2">
                <DealInsightsCard dealId={d.id} editable={editable} />
                <RecordSection id="deal-details" title="Details" className="p-6">
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
                      { label: 'Source', value: d.source },
                      { label: 'Campaign', value: d.campaign ? <Link to={`/campaigns/${d.campaign.id}`} className="font-medium text-indigo-700 hover:underline">{d.campaign.name}</Link> : null },
                      { label: 'Lost reason', value: d.lostReason },
                      { label: 'Tags', value: d.tags.length ? <TagChips tags={d.tags} /> : null },
                      { label: 'Closed', value: d.closedAt ? formatDateTime(d.closedAt) : null },
                      { label: 'Added', value: formatDateTime(d.createdAt) },
                      ...customFieldItems(customFields, d),
                    ]}
                  />
                  <LongText title="Description" text={d.description} />
                </RecordSection>
                <BriefCard type="deal" id={d.id} />
                <DealContacts deal={d} editable={editable} />
                <RelatedTasks relatedType="deal" relatedId={d.id} editable={editable} />
                <RelatedEvents relatedType="deal" relatedId={d.id} editable={editable} />
                <RelatedProjects companyId={null} dealIds={[d.id]} company={d.company} forDeal={d.id} editable={editable} empty="No projects for this deal yet." />
                <RecordSection id="deal-stages" title="Stage history" className="p-6">
                  <StageHistory activities={activities.data} />
                </RecordSection>
              </div>
              <TimelineCard noun="deal" activities={activities} actions={<LogActivityButtons relatedType="deal" relatedId={d.id} name={d.name} />} />
            </div>
            <NotesSection relatedType="deal" relatedId={d.id} />
            <AttachmentsSection relatedType="deal" relatedId={d.id} />
            <DealFormDialog open={actions.editing} onOpenChange={actions.setEditing} deal={d} />
            <DeleteRecordDialog actions={actions} id={d.id} name={d.name} description="The deal disappears from the board and lists. You can undo this right after." confirmLabel="Delete deal" />
          </>
        );
      }}
    </RecordPage>
  );
}
