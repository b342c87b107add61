// A campaign's members: the list (newest first, "Load more" through the cursor), removing one, and
// the "Add contacts" dialog — pick contacts one by one, or add every contact with a tag. Adding is
// idempotent on the server; the toast says how many were new and how many were members already.
import { Plus, Trash2, UserPlus, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { EmptyState, ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Badge, Skeleton } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDateTime, plural } from '../../lib/format';
import { ContactPicker } from '../contacts/contact-picker';
import { label, useAddMembers, useCampaignMembers, useRemoveMember } from './campaigns.queries';

const statusTone = { sent: 'neutral', delivered: 'lead', opened: 'prospect', clicked: 'customer', bounced: 'churned', unsubscribed: 'inactive' } as const;

export function CampaignMembers({ campaignId, editable }: { campaignId: string; editable: boolean }) {
  const members = useCampaignMembers(campaignId);
  const remove = useRemoveMember(campaignId);
  const [adding, setAdding] = useState(false);
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];
  const total = members.data?.pages[0]?.total ?? 0;

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-zinc-600">{members.isPending ? 'Loading members…' : plural(total, 'member', 'members')}</p>
        {editable ? (
          <Button size="sm" onClick={() => setAdding(true)}>
            <UserPlus className="size-4" aria-hidden="true" /> Add contacts
          </Button>
        ) : null}
      </div>
      {members.isPending ? (
        <Skeleton className="h-24" />
      ) : members.error ? (
        <ErrorState error={members.error} onRetry={() => members.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No members yet" message="Add the contacts this campaign reaches." />
      ) : (
        <ul aria-label="Campaign members" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {rows.map((m) => (
            <li key={m.contactId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <div className="min-w-0 w-full sm:w-auto sm:flex-1">
                <Link to={`/contacts/${m.contactId}`} className="font-medium text-indigo-700 hover:underline">{m.contact.fullName || m.contact.email || 'Unnamed contact'}</Link>
                <div className="truncate text-xs text-zinc-500">{m.contact.email ?? 'No email'}{m.contact.emailOptOut ? ' · opted out of email' : ''}</div>
              </div>
              <Badge tone={m.status ? statusTone[m.status] : 'neutral'}>{m.status ? label(m.status) : 'Not sent'}</Badge>
              <span className="flex-1 text-xs text-zinc-500 sm:flex-none">Added {formatDateTime(m.addedAt)}</span>
              {editable ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${m.contact.fullName || m.contact.email || 'contact'} from the campaign`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(m.contactId, { onSuccess: () => toast.success('Removed from the campaign'), onError: (e) => toast.error(errorMessage(e)) })}
                >
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {members.hasNextPage ? (
        <Button variant="secondary" size="sm" className="mt-3" disabled={members.isFetchingNextPage} onClick={() => members.fetchNextPage()}>
          {members.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
      <AddContactsDialog campaignId={campaignId} open={adding} onOpenChange={setAdding} />
    </div>
  );
}

function AddContactsDialog({ campaignId, open, onOpenChange }: { campaignId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const add = useAddMembers(campaignId);
  const [picked, setPicked] = useState<{ id: string; name: string }[]>([]);
  const [tag, setTag] = useState('');
  const close = () => {
    setPicked([]);
    setTag('');
    onOpenChange(false);
  };
  const done = (r: { added: number; alreadyMembers: number }) => {
    toast.success(`${plural(r.added, 'contact', 'contacts')} added${r.alreadyMembers ? `, ${r.alreadyMembers} already in the campaign` : ''}`);
    close();
  };
  const fail = (e: unknown) => toast.error(errorMessage(e));

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? onOpenChange(true) : close())} title="Add contacts" description="Contacts already in the campaign stay as they are.">
      <div className="space-y-4">
        <Field label="Contact">
          <ContactPicker
            value={null}
            selectedName={null}
            allowNone={false}
            noneLabel="Pick a contact"
            onChange={(c) => c && setPicked((p) => (p.some((x) => x.id === c.id) ? p : [...p, c]))}
          />
        </Field>
        {picked.length ? (
          <ul aria-label="Contacts to add" className="flex flex-wrap gap-2">
            {picked.map((c) => (
              <li key={c.id} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pl-2.5 pr-1 text-sm">
                {c.name}
                <button type="button" aria-label={`Do not add ${c.name}`} className="rounded-full p-0.5 hover:bg-zinc-200" onClick={() => setPicked((p) => p.filter((x) => x.id !== c.id))}>
                  <X className="size-3.5" aria-hidden="true" />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <Button className="w-full" disabled={picked.length === 0 || add.isPending} onClick={() => add.mutate({ contactIds: picked.map((c) => c.id) }, { onSuccess: done, onError: fail })}>
          <Plus className="size-4" aria-hidden="true" /> {picked.length ? `Add ${plural(picked.length, 'contact', 'contacts')}` : 'Add contacts'}
        </Button>
        <form
          className="flex flex-col gap-2 border-t border-zinc-200 pt-4 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.trim()) add.mutate({ filter: { tags: { contains: tag.trim() } } }, { onSuccess: done, onError: fail });
          }}
        >
          <Field label="Or every contact tagged" className="flex-1">
            <Input value={tag} onChange={(e) => setTag(e.target.value)} placeholder="e.g. vip" autoComplete="off" />
          </Field>
          <Button type="submit" variant="secondary" disabled={!tag.trim() || add.isPending}>Add tagged</Button>
        </form>
      </div>
    </Dialog>
  );
}
