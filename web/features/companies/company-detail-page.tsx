import type { PostalAddress } from '../../../contracts/companies';
import { Globe } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { Fields } from '../../components/record';
import { ShareButton } from '../records/share-button';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { LogActivityButtons } from '../activities/log-activity';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { Badge } from '../../components/ui/misc';
import { formatMoney } from '../../lib/format';
import { formatDateTime, titleCase, webHref } from '../../lib/utils';
import { AskAboutButton } from '../assistant/assistant-panel';
import { canEdit, useMe } from '../auth/session';
import { ContactFormDialog } from '../contacts/contact-form';
import { useContacts } from '../contacts/contacts.queries';
import { useCompany, useCompanyActivities, useDeleteCompany, useRestoreCompany } from './companies.queries';
import { CompanyFormDialog } from './company-form';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';
import { RelatedDeals } from '../records/related-deals';
import { RelatedProjects } from '../records/related-projects';
import { RelatedTasks } from '../records/related-tasks';
import { BriefCard } from '../insights/brief-card';
import { DraftEmailButton } from '../insights/draft-email-dialog';
import { RelatedEvents } from '../records/related-events';
import { ScheduleMeetingButton } from '../events/schedule-meeting';

export function CompanyDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const company = useCompany(id);
  const activities = useCompanyActivities(id);
  const customFields = useActiveFields('company');
  const contacts = useContacts({ filter: { companyId: id }, sort: 'name', limit: 50 });
  const [addingContact, setAddingContact] = useState(false);
  const actions = useRecordActions({ remove: useDeleteCompany(), restore: useRestoreCompany(), listPath: '/companies', label: () => company.data?.name ?? 'Company' });
  const editable = canEdit(me.role);

  return (
    <RecordPage query={company} listPath="/companies" listLabel="Companies">
      {(c) => {
        return (
          <>
            <PageHeader
              title={c.name}
              description={[c.industry, c.domain].filter(Boolean).join(' · ') || undefined}
              actions={
                <>
                  <AskAboutButton context={{ type: 'company', id: c.id, label: c.name }} />
                  {editable ? <DraftEmailButton relatedType="company" relatedId={c.id} name={c.name} /> : null}
                  {editable ? <ScheduleMeetingButton related={{ type: 'company', id: c.id }} title={`Meeting with ${c.name}`} /> : null}
                  {editable ? (
                    <>
                      <ShareButton resource="companies" id={c.id} name={c.name} />
                      <EditDeleteButtons actions={actions} />
                    </>
                  ) : null}
                </>
              }
            />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
              <div className="min-w-0 space-y-6 lg:col-span-2">
                <BriefCard type="company" id={c.id} />
                <RecordSection id="company-details" title="Details" className="p-6">
                  <Fields
                    items={[
                      { label: 'Status', value: <Badge tone={c.status}>{titleCase(c.status)}</Badge> },
                      { label: 'Domain', value: c.domain },
                      { label: 'Website', value: webHref(c.website) ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={webHref(c.website)} target="_blank" rel="noreferrer noopener"><Globe className="size-3.5" aria-hidden="true" />{c.website}</a> : c.website },
                      { label: 'Industry', value: c.industry },
                      { label: 'Size', value: c.size ? `${c.size} employees` : null },
                      { label: 'Employees', value: c.employeeCount?.toLocaleString() },
                      { label: 'Annual revenue', value: c.annualRevenue ? formatMoney(c.annualRevenue, me.organization.currency) : null },
                      { label: 'Tags', value: c.tags.length ? <TagChips tags={c.tags} /> : null },
                      ...customFieldItems(customFields, c),
                      { label: 'Address', value: c.address ? <span className="whitespace-pre-wrap">{c.address}</span> : null },
                      { label: 'Billing address', value: addressLines(c.billingAddress) },
                      { label: 'Shipping address', value: addressLines(c.shippingAddress) },
                      { label: 'Added', value: formatDateTime(c.createdAt) },
                    ]}
                  />
                  <LongText title="Description" text={c.description} />
                </RecordSection>
                <RelatedCard
                  id="company-contacts"
                  title="Contacts"
                  total={contacts.data?.total}
                  isPending={contacts.isPending}
                  error={contacts.error}
                  onRetry={() => contacts.refetch()}
                  add={editable ? { label: 'Add contact', onClick: () => setAddingContact(true) } : undefined}
                  empty={`No contacts at ${c.name} yet.`}
                  count={contacts.data?.data.length ?? 0}
                >
                  {contacts.data?.data.map((p) => (
                    <RelatedRow
                      key={p.id}
                      main={<Link to={`/contacts/${p.id}`} className="hover:text-indigo-700 hover:underline">{p.fullName || p.email || 'Unnamed contact'}</Link>}
                      details={[p.title, p.email].filter(Boolean).join(' · ') || undefined}
                      aside={<Badge tone={p.status}>{titleCase(p.status)}</Badge>}
                    />
                  ))}
                </RelatedCard>
                <RelatedDeals filter={{ companyId: c.id }} editable={editable} empty={`No deals with ${c.name} yet.`} company={{ id: c.id, name: c.name }} />
                <RelatedProjects companyId={c.id} company={{ id: c.id, name: c.name }} editable={editable} empty={`No projects for ${c.name} yet.`} />
                <RelatedTasks relatedType="company" relatedId={c.id} editable={editable} />
                <RelatedEvents relatedType="company" relatedId={c.id} editable={editable} />
              </div>
              <TimelineCard noun="company" activities={activities} actions={<LogActivityButtons relatedType="company" relatedId={c.id} name={c.name} />} />
            </div>
            <NotesSection relatedType="company" relatedId={c.id} />
            <AttachmentsSection relatedType="company" relatedId={c.id} />
            <CompanyFormDialog open={actions.editing} onOpenChange={actions.setEditing} company={c} />
            <ContactFormDialog open={addingContact} onOpenChange={setAddingContact} company={{ id: c.id, name: c.name }} onCreated={() => undefined} />
            <DeleteRecordDialog actions={actions} id={c.id} name={c.name} description="The company disappears from lists and search; its contacts stay. You can undo this right after." confirmLabel="Delete company" />
          </>
        );
      }}
    </RecordPage>
  );
}

/** "Street\nPostal code City\nRegion\nCountry", the way an envelope reads; null when there is none. */
function addressLines(a: PostalAddress | null) {
  if (!a) return null;
  const lines = [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean);
  return lines.length ? <span className="whitespace-pre-wrap">{lines.join('\n')}</span> : null;
}
