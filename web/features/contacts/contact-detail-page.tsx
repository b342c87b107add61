import { ArrowLeft, Building2, Mail, Pencil, Phone, Trash2 } from 'lucide-react';
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
import { AskAboutButton } from '../assistant/assistant-panel';
import { canEdit, useMe } from '../auth/session';
import { ContactFormDialog } from './contact-form';
import { useContact, useContactActivities, useDeleteContact, useRestoreContact } from './contacts.queries';
import { NotesSection } from '../notes/notes-section';
import { AttachmentsSection } from '../attachments/attachments-section';
import { customFieldItems } from '../custom-fields/custom-field-values';
import { useActiveFields } from '../custom-fields/custom-fields.queries';
import { TagChips } from '../tags/tag-chips';

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const contact = useContact(id);
  const activities = useContactActivities(id);
  const customFields = useActiveFields('contact');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteContact();
  const deleteWithUndo = useDeleteWithUndo({ remove, restore: useRestoreContact(), listPath: '/contacts', label: () => contact.data?.fullName || 'Contact' });

  const back = (
    <Link to="/contacts" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft className="size-4" aria-hidden="true" /> Contacts
    </Link>
  );
  if (contact.isError) return <>{back}<ErrorState error={contact.error} onRetry={() => contact.refetch()} /></>;
  if (contact.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }

  const c = contact.data;
  const name = c.fullName || c.email || 'Unnamed contact';
  return (
    <>
      {back}
      <PageHeader
        title={name}
        description={[c.title, c.company?.name].filter(Boolean).join(' at ') || undefined}
        actions={
          <>
            <AskAboutButton context={{ type: 'contact', id: c.id, label: name }} />
              {canEdit(me.role) ? (
              <>
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  <Pencil aria-hidden="true" /> Edit
                </Button>
                <Button variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)}>
                  <Trash2 aria-hidden="true" /> Delete
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-6 lg:col-span-2" aria-labelledby="contact-details">
          <h2 id="contact-details" className="mb-4 text-base font-semibold">Details</h2>
          <Fields
            items={[
              { label: 'Email', value: c.email ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`mailto:${c.email}`}><Mail className="size-3.5" aria-hidden="true" />{c.email}</a> : null },
              { label: 'Phone', value: c.phone ? <a className="inline-flex items-center gap-1 text-indigo-700 hover:underline" href={`tel:${c.phone}`}><Phone className="size-3.5" aria-hidden="true" />{c.phone}</a> : null },
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
              { label: 'Job title', value: c.title },
              { label: 'Department', value: c.department },
              { label: 'Source', value: c.source },
              { label: 'LinkedIn', value: c.linkedinUrl ? <a className="text-indigo-700 hover:underline" href={c.linkedinUrl} target="_blank" rel="noreferrer noopener">{c.linkedinUrl}</a> : null },
              { label: 'Tags', value: c.tags.length ? <TagChips tags={c.tags} /> : null },
              ...customFieldItems(customFields, c),
              { label: 'Added', value: formatDateTime(c.createdAt) },
            ]}
          />
          {c.about ? (
            <div className="mt-6">
              <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">About</h3>
              <p className="mt-1 whitespace-pre-wrap text-sm text-zinc-800">{c.about}</p>
            </div>
          ) : null}
        </Card>
        <Card className="p-6 lg:self-start" aria-labelledby="contact-timeline">
          <h2 id="contact-timeline" className="mb-4 text-base font-semibold">Timeline</h2>
          <Timeline activities={activities.data} isPending={activities.isPending} error={activities.error} noun="contact" />
        </Card>
      </div>
      <NotesSection relatedType="contact" relatedId={c.id} />
      <AttachmentsSection relatedType="contact" relatedId={c.id} />
      <ContactFormDialog open={editing} onOpenChange={setEditing} contact={c} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${name}?`}
        description="The contact disappears from lists and search. You can undo this right after."
        confirmLabel="Delete contact"
        pending={remove.isPending}
        onConfirm={async () => {
          if (await deleteWithUndo(c.id)) setConfirming(false);
        }}
      />
    </>
  );
}
