import { Building2, Mail, Phone, Smartphone } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { ShareButton } from '../records/share-button';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { LogActivityButtons } from '../activities/log-activity';
import { Badge } from '../../components/ui/misc';
import { formatDateTime, titleCase, webHref } from '../../lib/utils';
import { AskAboutButton } from '../assistant/assistant-panel';
import { canEdit, useMe } from '../auth/session';
import { CHANNEL_LABELS, ContactFormDialog } from './contact-form';
import { useContact, useContactActivities, useDeleteContact, useRestoreContact } from './contacts.queries';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';
import { useDeals } from '../deals/deals.queries';
import { RelatedDeals } from '../records/related-deals';
import { RelatedEvents } from '../records/related-events';
import { ScheduleMeetingButton } from '../events/schedule-meeting';
import { RelatedProjects } from '../records/related-projects';
import { RelatedTasks } from '../records/related-tasks';
import { BriefCard } from '../insights/brief-card';
import { ScoreValue } from '../insights/score';
import { DraftEmailButton } from '../insights/draft-email-dialog';

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const contact = useContact(id);
  const activities = useContactActivities(id);
  const customFields = useActiveFields('contact');
  const actions = useRecordActions({ remove: useDeleteContact(), restore: useRestoreContact(), listPath: '/contacts', label: () => contact.data?.fullName || 'Contact' });
  const editable = canEdit(me.role);
  // The same query as the Deals card (one request): its deals' projects show under Projects.
  const deals = useDeals({ filter: { contactId: id }, sort: '-updatedAt', limit: 50 });
  const dealIds = (deals.data?.data ?? []).map((d) => d.id);

  return (
    <RecordPage query={contact} listPath="/contacts" listLabel="Contacts">
      {(c) => {
        const name = c.fullName || c.email || 'Unnamed contact';
        return (
          <>
            <PageHeader
              title={name}
              description={[c.title, c.company?.name].filter(Boolean).join(' at ') || undefined}
              actions={
                <>
                  <AskAboutButton context={{ type: 'contact', id: c.id, label: name }} />
                  {editable ? <DraftEmailButton relatedType="contact" relatedId={c.id} name={name} /> : null}
                  {editable ? <ScheduleMeetingButton related={{ type: 'contact', id: c.id }} attendee={{ type: 'contact', id: c.id, name }} title={`Meeting with ${name}`} /> : null}
                  {editable ? (
                    <>
                      <ShareButton resource="contacts" id={c.id} name={name} />
                      <EditDeleteButtons actions={actions} />
                    </>
                  ) : null}
                </>
              }
            />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <div className="min-w-0 space-y-6 lg:col-span-2">
              <BriefCard type="contact" id={c.id} />
              <RecordSection id="contact-details" title="Details" className="p-6">
                <Fields
                  items={[
                    { label: 'Email', value: c.email ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`mailto:${c.email}`}><Mail className="size-3.5" aria-hidden="true" />{c.email}</a> : null },
                    { label: 'Phone', value: c.phone ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`tel:${c.phone}`}><Phone className="size-3.5" aria-hidden="true" />{c.phone}</a> : null },
                    { label: 'Mobile', value: c.mobile ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`tel:${c.mobile}`}><Smartphone className="size-3.5" aria-hidden="true" />{c.mobile}</a> : null },
                    {
                      label: 'Company',
                      value: c.company ? (
                        <Link to={`/companies/${c.company.id}`} className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:underline">
                          <Building2 className="size-3.5" aria-hidden="true" />
                          {c.company.name}
                        </Link>
                      ) : null,
                    },
                    { label: 'Status', value: <Badge tone={c.status}>{titleCase(c.status)}</Badge> },
                    { label: 'Score', value: <ScoreValue score={c.score} overridden={c.scoreOverridden} factors={c.scoreFactors} /> },
                    { label: 'Job title', value: c.title },
                    { label: 'Department', value: c.department },
                    { label: 'Lead source', value: c.source },
                    { label: 'LinkedIn', value: externalLink(c.linkedinUrl) },
                    { label: 'X (Twitter)', value: externalLink(c.twitterUrl) },
                    { label: 'GitHub', value: externalLink(c.githubUrl) },
                    { label: 'Website', value: externalLink(c.websiteUrl) },
                    { label: 'Preferred channel', value: c.preferredChannel ? CHANNEL_LABELS[c.preferredChannel] : null },
                    {
                      label: 'Communication',
                      value: c.emailOptOut || c.doNotCall ? (
                        <span className="flex flex-wrap gap-1">
                          {c.emailOptOut && <Badge tone="churned">No email</Badge>}
                          {c.doNotCall && <Badge tone="churned">Do not call</Badge>}
                        </span>
                      ) : null,
                    },
                    { label: 'Tags', value: c.tags.length ? <TagChips tags={c.tags} /> : null },
                    ...customFieldItems(customFields, c),
                    { label: 'Added', value: formatDateTime(c.createdAt) },
                  ]}
                />
                <LongText title="About" text={c.about} />
              </RecordSection>
              <RelatedDeals filter={{ contactId: c.id }} editable={editable} empty={`${name} is on no deals yet.`} company={c.company} primaryContact={{ id: c.id, name }} />
              <RelatedTasks relatedType="contact" relatedId={c.id} editable={editable} />
              <RelatedEvents relatedType="contact" relatedId={c.id} editable={editable} />
              <RelatedProjects companyId={c.companyId} dealIds={dealIds} company={c.company} editable={editable} empty={c.company ? `No projects for ${c.company.name} or ${name}’s deals yet.` : `No projects for ${name}’s deals yet.`} />
              </div>
              <TimelineCard noun="contact" activities={activities} actions={<LogActivityButtons relatedType="contact" relatedId={c.id} name={name} />} />
            </div>
            <NotesSection relatedType="contact" relatedId={c.id} />
            <AttachmentsSection relatedType="contact" relatedId={c.id} />
            <ContactFormDialog open={actions.editing} onOpenChange={actions.setEditing} contact={c} />
            <DeleteRecordDialog actions={actions} id={c.id} name={name} description="The contact disappears from lists and search. You can undo this right after." confirmLabel="Delete contact" />
          </>
        );
      }}
    </RecordPage>
  );
}

/** A web address as a link that opens in a new tab; text that is not an http(s) URL stays text. */
function externalLink(url: string | null) {
  if (!url) return null;
  const href = webHref(url);
  if (!href) return url;
  return (
    <a className="break-all text-indigo-700 hover:underline" href={href} target="_blank" rel="noreferrer noopener">
      {url.replace(/^https?:\/\/(www\.)?/, '')}
    </a>
  );
}
