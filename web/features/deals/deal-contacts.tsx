// A deal's people: the primary contact and the further ones, each a link with Remove; "Add contact"
// picks one (or creates one at the deal's company) and links it — the first becomes primary.
import { Star, X } from 'lucide-react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { Deal } from '../../../contracts/sales';
import { RelatedCard, RelatedRow } from '../../components/related-card';
import { Button } from '../../components/ui/button';
import { errorMessage } from '../../lib/api';
import { ContactPicker, contactName } from '../contacts/contact-picker';
import { useContacts } from '../contacts/contacts.queries';
import { useUpdateDeal } from './deals.queries';

export function DealContacts({ deal: d, editable }: { deal: Deal; editable: boolean }) {
  const ids = [...new Set([d.primaryContactId, ...d.contactIds].filter((x): x is string => Boolean(x)))];
  const contacts = useContacts({ limit: 50, filter: { id: { in: ids } } }, { enabled: ids.length > 0 });
  const update = useUpdateDeal();
  const byId = new Map((contacts.data?.data ?? []).map((c) => [c.id, c]));

  async function save(body: { primaryContactId?: string | null; contactIds?: string[] }, done: string) {
    try {
      await update.mutateAsync({ id: d.id, body });
      toast.success(done);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }
  function link(c: { id: string; name: string }) {
    if (ids.includes(c.id)) return toast.info(`${c.name} is already on this deal`);
    void save(d.primaryContactId ? { contactIds: [...d.contactIds, c.id] } : { primaryContactId: c.id }, `${c.name} added to ${d.name}`);
  }
  function unlink(id: string, name: string) {
    if (id === d.primaryContactId) {
      // The next contact, if any, takes over as primary.
      const [next, ...rest] = d.contactIds.filter((x) => x !== id);
      void save({ primaryContactId: next ?? null, contactIds: rest }, `${name} removed from ${d.name}`);
    } else void save({ contactIds: d.contactIds.filter((x) => x !== id) }, `${name} removed from ${d.name}`);
  }

  return (
    <RelatedCard
        id="deal-contacts"
        title="Contacts"
        total={ids.length}
        isPending={ids.length > 0 && contacts.isPending}
        error={contacts.error}
        onRetry={() => contacts.refetch()}
        empty="No contacts on this deal yet."
        count={ids.length}
        action={editable ? (
          <div className="w-40 sm:w-48">
            <ContactPicker aria-label="Add contact to this deal" value={null} selectedName={null} noneLabel="Add contact" allowNone={false} companyId={d.companyId} onChange={(c) => c && link(c)} />
          </div>
        ) : null}
      >
        {ids.map((id) => {
          const c = byId.get(id);
          const name = c ? contactName(c) : 'Contact';
          return (
            <RelatedRow
              key={id}
              main={
                <span className="inline-flex items-center gap-1.5">
                  <Link to={`/contacts/${id}`} className="hover:text-indigo-700 hover:underline">{name}</Link>
                  {id === d.primaryContactId ? (
                    <span className="inline-flex items-center gap-0.5 text-xs font-normal text-amber-700"><Star className="size-3" aria-hidden="true" />Primary</span>
                  ) : null}
                </span>
              }
              details={c ? [c.title, c.email].filter(Boolean).join(' · ') || undefined : undefined}
              aside={editable ? (
                <Button variant="ghost" size="icon" className="size-8" aria-label={`Remove ${name} from the deal`} onClick={() => unlink(id, name)}>
                  <X />
                </Button>
              ) : null}
            />
          );
        })}
    </RelatedCard>
  );
}
