// "Share" on a record page (Issue 14.4): who else sees this record, and adding or removing a
// teammate with read or edit access. Shares matter when the record type is visible to owners only
// (Settings → Permissions); the button shows only then, and only to those who may change the record
// (the server checks the same). A share shows for the teammate at once.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Share2, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { entityOfResource } from '../../../contracts/entities';
import type { Share } from '../../../contracts/permissions';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';
import { api, errorMessage } from '../../lib/api';
import { useMembers } from '../../lib/members';
import { queryClient } from '../../lib/query-client';
import { usePermissions } from '../settings/permissions.queries';
import { useMe } from '../auth/session';

const ACCESS_LABEL = { read: 'Can view', edit: 'Can edit' } as const;

export function ShareButton({ resource, id, name }: { resource: string; id: string; name: string }) {
  const permissions = usePermissions();
  const [open, setOpen] = useState(false);
  const ownOnly = (permissions.data as Record<string, { read: string }> | undefined)?.[resource]?.read === 'own';
  if (!ownOnly) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Share2 aria-hidden="true" /> Share
      </Button>
      {open ? <ShareDialog resource={resource} id={id} name={name} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ShareDialog({ resource, id, name, onClose }: { resource: string; id: string; name: string; onClose: () => void }) {
  const me = useMe();
  const members = useMembers({ fresh: true });
  const key = ['shares', resource, id] as const;
  const shares = useQuery({ queryKey: key, queryFn: ({ signal }) => api<{ data: Share[] }>(`/${resource}/${id}/shares`, { signal }).then((r) => r.data) });
  const [userId, setUserId] = useState('');
  const [access, setAccess] = useState<Share['access']>('read');
  const [error, setError] = useState<string | undefined>();
  const plural = entityOfResource(resource)?.plural.toLowerCase() ?? 'records';
  const refresh = (data: Share[]) => queryClient.setQueryData(key, data);

  const add = useMutation({
    mutationFn: (body: { userId: string; access: Share['access'] }) => api<{ data: Share[] }>(`/${resource}/${id}/shares/${encodeURIComponent(body.userId)}`, { method: 'PUT', body: { access: body.access } }).then((r) => r.data),
    onSuccess: (data, body) => {
      refresh(data);
      setUserId('');
      toast.success(`Shared with ${data.find((s) => s.userId === body.userId)?.name ?? 'them'}`);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (s: Share) => api<void>(`/${resource}/${id}/shares/${encodeURIComponent(s.userId)}`, { method: 'DELETE' }),
    onSuccess: (_r, s) => {
      refresh((shares.data ?? []).filter((x) => x.userId !== s.userId));
      toast.success(`${s.name} no longer sees ${name}`);
    },
    onError: (e) => toast.error(errorMessage(e)),
  });

  const sharedWith = new Set((shares.data ?? []).map((s) => s.userId));
  const candidates = (members.data ?? []).filter((m) => !m.deactivatedAt && m.userId !== me.user.id && !sharedWith.has(m.userId) && m.role !== 'admin' && m.role !== 'owner');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return setError('Choose a teammate');
    setError(undefined);
    add.mutate({ userId, access });
  };

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Share ${name}`} description={`In this organization ${plural} are visible to their owners only. Share this one with a teammate to let them see it, or change it too. Admins and owners see everything anyway.`}>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label="Teammate" error={error} className="min-w-0 flex-1">
          <Select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{candidates.length ? 'Choose…' : 'No one else to share with'}</option>
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Access" className="sm:w-36">
          <Select value={access} onChange={(e) => setAccess(e.target.value as Share['access'])}>
            <option value="read">{ACCESS_LABEL.read}</option>
            <option value="edit">{ACCESS_LABEL.edit}</option>
          </Select>
        </Field>
        <Button type="submit" disabled={add.isPending}>
          Share
        </Button>
      </form>
      <h3 className="mt-5 mb-2 text-sm font-semibold text-zinc-700">Shared with</h3>
      {shares.isPending ? (
        <p className="text-sm text-zinc-500">Loading…</p>
      ) : shares.isError ? (
        <p className="text-sm text-red-700">{errorMessage(shares.error)}</p>
      ) : shares.data.length === 0 ? (
        <p className="text-sm text-zinc-500">Nobody yet: only its owner and assignees see it.</p>
      ) : (
        <ul aria-label="Shared with" className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {shares.data.map((s) => (
            <li key={s.userId} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1 truncate">
                <span className="font-medium">{s.name}</span> <span className="text-zinc-500">{s.email}</span>
              </span>
              <Select aria-label={`Access of ${s.name}`} value={s.access} className="h-8 w-32" onChange={(e) => add.mutate({ userId: s.userId, access: e.target.value as Share['access'] })}>
                <option value="read">{ACCESS_LABEL.read}</option>
                <option value="edit">{ACCESS_LABEL.edit}</option>
              </Select>
              <Button variant="ghost" size="icon" aria-label={`Stop sharing with ${s.name}`} onClick={() => remove.mutate(s)}>
                <X aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
