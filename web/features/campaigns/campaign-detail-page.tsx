// /campaigns/:id: metrics cards, then Details and Members tabs, sending (email campaigns), notes,
// files and the timeline.
import { Tabs } from 'radix-ui';
import { useParams } from 'react-router';
import type { Campaign, CampaignMetrics } from '../../../contracts/campaigns';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, TimelineCard, useRecordActions } from '../../components/record-page';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { formatMoney, formatNumber } from '../../lib/format';
import { useMembers } from '../../lib/members';
import { formatDate, formatDateTime } from '../../lib/utils';
import { AskAboutButton } from '../assistant/assistant-panel';
import { AttachmentsSection } from '../attachments/attachments-section';
import { canEdit, useMe } from '../auth/session';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { NotesSection } from '../notes/notes-section';
import { TagChips } from '../tags/tag-chips';
import { CampaignFormDialog } from './campaign-form';
import { CampaignMembers } from './campaign-members';
import { CampaignSend } from './campaign-send';
import { campaignStatusTone, label, useCampaign, useCampaignActivities, useCampaignMetrics, useDeleteCampaign, useRestoreCampaign } from './campaigns.queries';

const day = (d: string | null) => (d ? formatDate(`${d}T00:00:00`) : null);
const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const tab = '-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

function Metric({ title, value, hint }: { title: string; value: string; hint?: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{title}</p>
      <p className="mt-1 text-xl font-semibold text-zinc-900">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-zinc-500">{hint}</p> : null}
    </Card>
  );
}

function MetricCards({ campaign }: { campaign: Campaign }) {
  const metrics = useCampaignMetrics(campaign.id);
  if (metrics.isPending) return <Skeleton className="mb-6 h-24" />;
  if (!metrics.data) return null;
  const m: CampaignMetrics = metrics.data;
  const money = (v: string | null) => (v === null ? '—' : formatMoney(v, campaign.currency));
  return (
    <section aria-label="Campaign metrics" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Metric title="Members" value={formatNumber(m.members)} hint={`${formatNumber(m.reached.sent.count)} sent`} />
      <Metric title="Opened" value={pct(m.reached.opened.rate)} hint={`${formatNumber(m.reached.opened.count)} members`} />
      <Metric title="Clicked" value={pct(m.reached.clicked.rate)} hint={`${formatNumber(m.reached.clicked.count)} members`} />
      <Metric title="Deals" value={formatNumber(m.deals.attributed)} hint={`${formatNumber(m.deals.won)} won · ${formatNumber(m.deals.open)} open`} />
      <Metric title="Won amount" value={money(m.wonAmount)} hint={`Cost ${money(m.actualCost)}`} />
      <Metric title="ROI" value={m.roi === null ? '—' : pct(m.roi)} hint={m.costPerConversion === null ? 'No cost per conversion yet' : `${money(m.costPerConversion)} per won deal`} />
    </section>
  );
}

export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const editable = canEdit(me.role);
  const campaign = useCampaign(id);
  const activities = useCampaignActivities(id);
  const customFields = useActiveFields('campaign');
  const members = useMembers();
  const actions = useRecordActions({ remove: useDeleteCampaign(), restore: useRestoreCampaign(), listPath: '/campaigns', label: () => campaign.data?.name || 'Campaign' });

  return (
    <RecordPage query={campaign} listPath="/campaigns" listLabel="Campaigns">
      {(c) => (
        <>
          <PageHeader
            title={c.name}
            description={`${label(c.type)} campaign`}
            actions={
              <>
                <AskAboutButton context={{ type: 'campaign', id: c.id, label: c.name }} />
                {editable ? <EditDeleteButtons actions={actions} /> : null}
              </>
            }
          />
          <MetricCards campaign={c} />
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="min-w-0 lg:col-span-2">
              <Card className="p-6">
                <Tabs.Root defaultValue="details">
                  <Tabs.List aria-label="Campaign" className="mb-4 flex gap-1 border-b border-zinc-200">
                    <Tabs.Trigger value="details" className={tab}>Details</Tabs.Trigger>
                    <Tabs.Trigger value="members" className={tab}>Members{c.memberCount ? ` (${formatNumber(c.memberCount)})` : ''}</Tabs.Trigger>
                  </Tabs.List>
                  <Tabs.Content value="details" className="focus-visible:outline-none">
                    <Fields
                      items={[
                        { label: 'Status', value: <Badge tone={campaignStatusTone[c.status]}>{label(c.status)}</Badge> },
                        { label: 'Type', value: label(c.type) },
                        { label: 'Start date', value: day(c.startDate) },
                        { label: 'End date', value: day(c.endDate) },
                        { label: 'Budget', value: c.budget ? formatMoney(c.budget, c.currency) : null },
                        { label: 'Actual cost', value: c.actualCost ? formatMoney(c.actualCost, c.currency) : null },
                        { label: 'Owner', value: members.data?.find((x) => x.userId === c.ownerId)?.name ?? null },
                        { label: 'Tags', value: c.tags.length ? <TagChips tags={c.tags} /> : null },
                        ...customFieldItems(customFields, c),
                        { label: 'Updated', value: formatDateTime(c.updatedAt) },
                      ]}
                    />
                    <LongText title="Goals" text={c.goals} />
                    <LongText title="Description" text={c.description} />
                  </Tabs.Content>
                  <Tabs.Content value="members" className="focus-visible:outline-none">
                    <CampaignMembers campaignId={c.id} editable={editable} />
                  </Tabs.Content>
                </Tabs.Root>
              </Card>
              {c.type === 'email' ? <CampaignSend campaign={c} editable={editable} /> : null}
              <NotesSection relatedType="campaign" relatedId={c.id} />
              <AttachmentsSection relatedType="campaign" relatedId={c.id} />
            </div>
            <TimelineCard noun="campaign" activities={activities} />
          </div>
          <CampaignFormDialog open={actions.editing} onOpenChange={actions.setEditing} campaign={c} />
          <DeleteRecordDialog actions={actions} id={c.id} name={c.name} description="The campaign disappears from lists and search; its deals keep their attribution. You can undo this right after." confirmLabel="Delete campaign" />
        </>
      )}
    </RecordPage>
  );
}
