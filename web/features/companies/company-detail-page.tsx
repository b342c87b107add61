import { Globe, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Fields } from '../../components/record';
import { DeleteRecordDialog, EditDeleteButtons, LongText, RecordPage, RecordSection, TimelineCard, useRecordActions } from '../../components/record-page';
import { LogActivityButtons } from '../activities/log-activity';
import { Button } from '../../components/ui/button';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
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
                  {editable ? <EditDeleteButtons actions={actions} /> : null}
                </>
              }
            />
            <div className="grid gap-6 lg:grid-cols-3">
              <div className="space-y-6 lg:col-span-2">
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
                      { label: 'Added', value: formatDateTime(c.createdAt) },
                    ]}
                  />
                  <LongText title="Description" text={c.description} />
                </RecordSection>
                <Card aria-labelledby="company-contacts">
                  <div className="flex items-center justify-between border-b border-zinc-200 px-6 py-4">
                    <h2 id="company-contacts" className="text-base font-semibold">
                      Contacts {contacts.data ? <span className="font-normal text-zinc-500">({contacts.data.total})</span> : null}
                    </h2>
                    {editable ? (
                      <Button size="sm" variant="secondary" onClick={() => setAddingContact(true)}>
                        <Plus aria-hidden="true" /> Add contact
                      </Button>
                    ) : null}
                  </div>
                  {contacts.isError ? (
                    <div className="p-6"><ErrorState error={contacts.error} onRetry={() => contacts.refetch()} /></div>
                  ) : contacts.isPending ? (
                    <div className="space-y-3 p-6"><Skeleton className="h-5 w-1/2" /><Skeleton className="h-5 w-1/3" /></div>
                  ) : contacts.data.data.length === 0 ? (
                    <p className="px-6 py-8 text-center text-sm text-zinc-500">No contacts at {c.name} yet.</p>
                  ) : (
                    <ul className="divide-y divide-zinc-100">
                      {contacts.data.data.map((p) => (
                        <li key={p.id} className="flex items-center justify-between gap-4 px-6 py-3">
                          <div className="min-w-0">
                            <Link to={`/contacts/${p.id}`} className="font-medium text-zinc-900 hover:text-indigo-700 hover:underline">
                              {p.fullName || p.email || 'Unnamed contact'}
                            </Link>
                            <p className="truncate text-xs text-zinc-500">{[p.title, p.email].filter(Boolean).join(' · ')}</p>
                          </div>
                          <Badge tone={p.status}>{titleCase(p.status)}</Badge>
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </div>
              <TimelineCard noun="company" activities={activities} actions={<LogActivityButtons relatedType="company" relatedId={c.id} name={c.name} />} />
            </div>
            <NotesSection relatedType="company" relatedId={c.id} />
            <AttachmentsSection relatedType="company" relatedId={c.id} />
            <CompanyFormDialog open={actions.editing} onOpenChange={actions.setEditing} company={c} />
            <ContactFormDialog open={addingContact} onOpenChange={setAddingContact} company={{ id: c.id, name: c.name }} />
            <DeleteRecordDialog actions={actions} id={c.id} name={c.name} description="The company disappears from lists and search; its contacts stay. You can undo this right after." confirmLabel="Delete company" />
          </>
        );
      }}
    </RecordPage>
  );
}
