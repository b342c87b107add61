// Settings → Permissions → Field rules of one record type (Issue 14.3): per field and role, visible,
// read-only (a change is refused) or hidden (left out of every answer, export, search snippet, the
// assistant and webhooks). Owners always see everything, so they are not a column. Saving sends the
// type's whole rule set, which replaces the old one.
import { useMemo, useState } from 'react';
import { toast } from 'sonner';
import { FIELD_ACCESS, FIELD_RULE_ROLES, type FieldAccess, type RestrictableField, type TypePermissions } from '../../../contracts/permissions';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Input, Select } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { cn } from '../../lib/utils';
import { useSavePermissions } from './permissions.queries';

type Rules = TypePermissions['fields'];
type Role = (typeof FIELD_RULE_ROLES)[number];
const ACCESS_LABEL: Record<FieldAccess, string> = { visible: 'Visible', read_only: 'Read-only', hidden: 'Hidden' };
const ROLE_LABEL: Record<Role, string> = { admin: 'Admins', member: 'Members', viewer: 'Viewers' };

/** How many fields have any rule: the button's count. */
export const restrictedCount = (rules: Rules) => Object.keys(rules).length;

export function FieldRulesDialog({ resource, plural, fields, rules, admin, onClose }: { resource: string; plural: string; fields: RestrictableField[]; rules: Rules; admin: boolean; onClose: () => void }) {
  const save = useSavePermissions();
  const [draft, setDraft] = useState<Rules>(rules);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    // Restricted fields first, so an admin sees what is in force without scrolling.
    const sorted = [...fields].sort((a, b) => Number(Boolean(draft[b.field])) - Number(Boolean(draft[a.field])) || a.label.localeCompare(b.label));
    return f ? sorted.filter((x) => x.label.toLowerCase().includes(f) || x.field.toLowerCase().includes(f)) : sorted;
    // Sorted when the dialog opens or the filter changes, not on every choice (rows would jump under the pointer).
  }, [fields, filter]);
  const changed = JSON.stringify(draft) !== JSON.stringify(rules);

  function set(field: string, role: Role, access: FieldAccess) {
    setDraft((d) => {
      const forField = { ...(d[field] ?? {}) };
      if (access === 'visible') delete forField[role];
      else forField[role] = access;
      const next = { ...d };
      if (Object.keys(forField).length) next[field] = forField;
      else delete next[field];
      return next;
    });
  }

  const submit = () =>
    save.mutate({ [resource]: { fields: draft } }, {
      onSuccess: () => {
        toast.success(`Field rules for ${plural.toLowerCase()} saved`);
        onClose();
      },
      onError: (e) => toast.error(errorMessage(e)),
    });

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Field rules: ${plural}`} description="Hidden fields are left out of everything that role reads — lists, records, exports, search, the assistant and webhooks. Read-only fields can be seen but not changed. Owners see and change every field." className="max-w-3xl">
      <Input aria-label="Find a field" placeholder="Find a field…" value={filter} onChange={(e) => setFilter(e.target.value)} className="mb-3" />
      {/* A table's columns on a wide screen; on a phone each field is a block with a line per role. */}
      <div className="max-h-[55vh] overflow-y-auto rounded-md border border-zinc-200">
        <div className="sticky top-0 hidden grid-cols-[12rem_1fr_1fr_1fr] gap-2 bg-zinc-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-zinc-500 md:grid" aria-hidden="true">
          <span>Field</span>
          {FIELD_RULE_ROLES.map((r) => (
            <span key={r}>{ROLE_LABEL[r]}</span>
          ))}
        </div>
        <ul aria-label={`Access to each field of ${plural.toLowerCase()} by role`} className="divide-y divide-zinc-100 text-sm">
          {shown.map((f) => (
            <li key={f.field} className={cn('grid gap-1.5 px-3 py-2 md:grid-cols-[12rem_1fr_1fr_1fr] md:items-center md:gap-2', draft[f.field] && 'bg-amber-50/60')}>
              <span className="font-medium">
                {f.label}
                {f.custom ? <span className="ml-1 text-xs font-normal text-zinc-500">(custom)</span> : null}
              </span>
              {FIELD_RULE_ROLES.map((r) => {
                const value = draft[f.field]?.[r] ?? 'visible';
                return (
                  <div key={r} className="flex min-w-0 items-center gap-2">
                    <span className="w-16 shrink-0 text-xs text-zinc-500 md:hidden" aria-hidden="true">{ROLE_LABEL[r]}</span>
                    {admin ? (
                      <Select aria-label={`${f.label}: ${ROLE_LABEL[r]}`} value={value} onChange={(e) => set(f.field, r, e.target.value as FieldAccess)} className="h-8 w-full min-w-0">
                        {FIELD_ACCESS.map((a) => (
                          <option key={a} value={a}>{ACCESS_LABEL[a]}</option>
                        ))}
                      </Select>
                    ) : (
                      <span className={value === 'visible' ? 'text-zinc-500' : 'font-medium'}>
                        <span className="sr-only">{ROLE_LABEL[r]}: </span>
                        {ACCESS_LABEL[value]}
                      </span>
                    )}
                  </div>
                );
              })}
            </li>
          ))}
          {shown.length === 0 ? <li className="px-3 py-6 text-center text-zinc-500">No field matches “{filter}”.</li> : null}
        </ul>
      </div>
      <div className="mt-4 flex items-center justify-end gap-3">
        <span className="text-sm text-zinc-500">{restrictedCount(draft) ? `${restrictedCount(draft)} restricted` : 'Every field visible to every role'}</span>
        <Button variant="secondary" onClick={onClose}>{admin ? 'Cancel' : 'Close'}</Button>
        {admin ? (
          <Button onClick={submit} disabled={!changed || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save field rules'}
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
