// Settings → Permissions: per record type, who reads it (everyone, or its owner and assignees plus
// admins) and which records members may edit. Admins change it; everyone else sees the rules.
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { ENTITIES } from '../../../contracts/entities';
import type { Permissions, TypePermissions } from '../../../contracts/permissions';
import { PageHeader } from '../../components/app-shell';
import { ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';
import { Card, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { isAdmin, useMe } from '../auth/session';
import { usePermissions, useSavePermissions } from './permissions.queries';

type Resource = keyof Permissions;
const READ = { all: 'Everyone in the organization', own: 'Owner and assignees only' } as const;
const EDIT = { all: 'Every record they can see', own: 'Only records they own or are assigned to' } as const;

export function PermissionsPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const current = usePermissions();
  const save = useSavePermissions();
  const [draft, setDraft] = useState<Permissions | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);

  const changed = draft && current.data ? (Object.keys(draft) as Resource[]).filter((r) => JSON.stringify(draft[r]) !== JSON.stringify(current.data![r])) : [];
  const set = (r: Resource, patch: Partial<TypePermissions>) => setDraft((d) => (d ? { ...d, [r]: { ...d[r], ...patch } } : d));
  const submit = () =>
    save.mutate(Object.fromEntries(changed.map((r) => [r, draft![r]])), {
      onSuccess: () => toast.success('Permissions saved'),
      onError: (e) => toast.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader
        title="Permissions"
        description="Who sees each kind of record, and which records members may change. Admins and owners always see and edit everything; viewers never edit."
      />
      {current.isError ? (
        <ErrorState error={current.error} onRetry={() => void current.refetch()} />
      ) : !draft ? (
        <TableSkeleton columns={3} />
      ) : (
        <Card className="overflow-x-auto">
          <Table>
            <thead>
              <tr>
                <Th>Record type</Th>
                <Th>Who can see them</Th>
                <Th>Members can edit</Th>
              </tr>
            </thead>
            <tbody>
              {ENTITIES.map((e) => {
                const p = draft[e.resource as Resource];
                return (
                  <tr key={e.resource}>
                    <Td className="font-medium">{e.plural}</Td>
                    <Td>
                      {admin ? (
                        <Select aria-label={`${e.plural}: who can see them`} value={p.read} onChange={(ev) => set(e.resource as Resource, { read: ev.target.value as TypePermissions['read'] })} className="w-full min-w-48">
                          {Object.entries(READ).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
                        </Select>
                      ) : (
                        READ[p.read]
                      )}
                    </Td>
                    <Td>
                      {admin ? (
                        <Select aria-label={`${e.plural}: members can edit`} value={p.edit} onChange={(ev) => set(e.resource as Resource, { edit: ev.target.value as TypePermissions['edit'] })} className="w-full min-w-48">
                          {Object.entries(EDIT).map(([v, label]) => <option key={v} value={v}>{label}</option>)}
                        </Select>
                      ) : (
                        EDIT[p.edit]
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {admin && (
            <div className="flex items-center justify-end gap-3 border-t border-zinc-200 p-4">
              <span className="text-sm text-zinc-500">{changed.length ? `${changed.length} changed` : 'No changes'}</span>
              <Button onClick={submit} disabled={changed.length === 0 || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save'}
              </Button>
            </div>
          )}
        </Card>
      )}
    </>
  );
}
