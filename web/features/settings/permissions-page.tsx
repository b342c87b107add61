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
import { Card } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { isAdmin, useMe } from '../auth/session';
import { FieldRulesDialog, restrictedCount } from './field-rules-dialog';
import { usePermissions, useRestrictableFields, useSavePermissions } from './permissions.queries';

type Resource = keyof Permissions;
type Access = TypePermissions['read'];
const READ = { all: 'Everyone in the organization', own: 'Owner and assignees only' } as const;
const EDIT = { all: 'Every record they can see', own: 'Only their own or assigned' } as const;

export function PermissionsPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const current = usePermissions();
  const save = useSavePermissions();
  const [draft, setDraft] = useState<Permissions | null>(null);
  const fields = useRestrictableFields();
  const [editingFields, setEditingFields] = useState<Resource | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);

  // Field rules are saved by their own dialog; this Save sends read and edit.
  const changed = draft && current.data ? (Object.keys(draft) as Resource[]).filter((r) => draft[r].read !== current.data![r].read || draft[r].edit !== current.data![r].edit) : [];
  const set = (r: Resource, patch: Partial<TypePermissions>) => setDraft((d) => (d ? { ...d, [r]: { ...d[r], ...patch } } : d));
  const submit = () =>
    save.mutate(Object.fromEntries(changed.map((r) => [r, { read: draft![r].read, edit: draft![r].edit }])), {
      onSuccess: () => toast.success('Permissions saved'),
      onError: (e) => toast.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader
        title="Permissions"
        description="Who sees each kind of record, which records members may change, and which fields each role may see or change. Owners always see and edit everything; viewers never edit."
      />
      {current.isError ? (
        <ErrorState error={current.error} onRetry={() => void current.refetch()} />
      ) : !draft ? (
        <TableSkeleton columns={3} />
      ) : (
        <Card>
          {/* A table's columns at desktop width; on a phone each record type is a block with labelled choices. */}
          <div className="hidden grid-cols-[10rem_1fr_1fr_9rem] gap-4 border-b border-zinc-200 px-4 py-3 text-xs font-semibold uppercase tracking-wide text-zinc-500 md:grid" aria-hidden="true">
            <span>Record type</span>
            <span>Who can see them</span>
            <span>Members can edit</span>
            <span>Fields</span>
          </div>
          <ul className="divide-y divide-zinc-100">
            {ENTITIES.map((e) => {
              const r = e.resource as Resource;
              const p = draft[r];
              return (
                <li key={e.resource} className="grid gap-2 px-4 py-3 md:grid-cols-[10rem_1fr_1fr_9rem] md:items-center md:gap-4">
                  <span className="font-medium">{e.plural}</span>
                  <Choice label={`${e.plural}: who can see them`} short="Who can see them" admin={admin} value={p.read} options={READ} onChange={(v) => set(r, { read: v })} />
                  <Choice label={`${e.plural}: members can edit`} short="Members can edit" admin={admin} value={p.edit} options={EDIT} onChange={(v) => set(r, { edit: v })} />
                  <Button variant="secondary" size="sm" className="justify-self-start" disabled={!fields.data} onClick={() => setEditingFields(r)}>
                    <span className="sr-only">Field rules for {e.plural}: </span>
                    {restrictedCount(current.data![r].fields) ? `${restrictedCount(current.data![r].fields)} restricted` : 'All visible'}
                  </Button>
                </li>
              );
            })}
          </ul>
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
      {editingFields && fields.data && current.data ? (
        <FieldRulesDialog
          resource={editingFields}
          plural={ENTITIES.find((e) => e.resource === editingFields)!.plural}
          fields={fields.data[editingFields]}
          rules={current.data[editingFields].fields}
          admin={admin}
          onClose={() => setEditingFields(null)}
        />
      ) : null}
    </>
  );
}

/** One choice of one record type: a select for admins, the rule in words for everyone else. */
function Choice({ label, short, admin, value, options, onChange }: { label: string; short: string; admin: boolean; value: Access; options: Record<Access, string>; onChange: (v: Access) => void }) {
  return (
    <div className="min-w-0">
      <span className="mb-1 block text-xs text-zinc-500 md:hidden">{short}</span>
      {admin ? (
        <Select aria-label={label} value={value} onChange={(ev) => onChange(ev.target.value as Access)} className="w-full">
          {(Object.keys(options) as Access[]).map((v) => (
            <option key={v} value={v}>{options[v]}</option>
          ))}
        </Select>
      ) : (
        <span className="text-sm">{options[value]}</span>
      )}
    </div>
  );
}
