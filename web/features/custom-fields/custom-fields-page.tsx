// Settings → Custom fields: per record type, the organization's own fields. Admins add, rename,
// change options, require and archive them; everyone else reads them.
import { ArrowLeft, Pencil, Plus, Trash2 } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Badge, Card, Skeleton, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { isAdmin, useMe } from '../auth/session';
import { ENTITY_LABELS, FIELD_ENTITIES, TYPE_LABELS, useArchiveField, useCustomFields, useUpdateField, type CustomField, type FieldEntity } from './custom-fields.queries';
import { FieldDialog } from './field-dialog';

export function CustomFieldsPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const [entity, setEntity] = useState<FieldEntity>('contact');
  return (
    <>
      <Link to="/settings" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft className="size-4" aria-hidden="true" /> Settings
      </Link>
      <PageHeader title="Custom fields" description={admin ? 'Your own fields on contacts, companies, deals, leads and projects.' : 'Fields your organization added to its records. Only admins can change them.'} />
      <Tabs.Root value={entity} onValueChange={(v) => setEntity(v as FieldEntity)}>
        {/* One line that scrolls on a phone rather than widening the page; the base line is an inset
            shadow, not a border, so the scroll box does not clip the active tab's underline. */}
        <Tabs.List aria-label="Record type" className="mb-4 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-zinc-200)]">
          {FIELD_ENTITIES.map((e) => (
            <Tabs.Trigger
              key={e}
              value={e}
              className="shrink-0 whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700"
            >
              {ENTITY_LABELS[e]}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {FIELD_ENTITIES.map((e) => (
          <Tabs.Content key={e} value={e} className="focus-visible:outline-none">
            {e === entity ? <EntityFields entity={e} admin={admin} /> : null}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </>
  );
}

function EntityFields({ entity, admin }: { entity: FieldEntity; admin: boolean }) {
  const fields = useCustomFields(entity);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<CustomField | null>(null);
  const [archiving, setArchiving] = useState<CustomField | null>(null);
  const archive = useArchiveField();
  const update = useUpdateField();
  const active = (fields.data ?? []).filter((f) => !f.archivedAt);
  const addButton = admin ? (
    <Button onClick={() => setAdding(true)}>
      <Plus aria-hidden="true" /> Add field
    </Button>
  ) : null;

  if (fields.isError) return <ErrorState error={fields.error} onRetry={() => fields.refetch()} />;
  return (
    <>
      {admin && active.length ? <div className="mb-4 flex justify-end">{addButton}</div> : null}
      <Card>
        {fields.isPending ? (
          <Skeleton className="m-6 h-24" />
        ) : active.length === 0 ? (
          <EmptyState title={`No custom fields on ${ENTITY_LABELS[entity].toLowerCase()}`} message="Add fields for what your team tracks beyond the built-in ones." action={addButton} />
        ) : (
          <Table aria-label={`${ENTITY_LABELS[entity]} custom fields`}>
            <thead>
              <tr>
                <Th>Label</Th>
                <Th className="hidden sm:table-cell">Key</Th>
                <Th>Type</Th>
                <Th>Required</Th>
                <Th className="hidden md:table-cell">Options</Th>
                {admin ? <Th><span className="sr-only">Actions</span></Th> : null}
              </tr>
            </thead>
            <tbody>
              {active.map((f) => (
                <tr key={f.id}>
                  <Td className="font-medium">{f.label}</Td>
                  <Td className="hidden sm:table-cell"><code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs">{f.key}</code></Td>
                  <Td className="text-zinc-600">{TYPE_LABELS[f.type]}</Td>
                  <Td>
                    {admin ? (
                      <input
                        type="checkbox"
                        className="size-4 accent-indigo-600"
                        aria-label={`${f.label} is required`}
                        checked={f.required}
                        disabled={update.isPending}
                        onChange={(e) => update.mutateAsync({ id: f.id, body: { required: e.target.checked } }).catch((err: unknown) => toast.error(errorMessage(err)))}
                      />
                    ) : f.required ? 'Yes' : 'No'}
                  </Td>
                  <Td className="hidden md:table-cell">
                    {f.options?.length ? <span className="flex flex-wrap gap-1">{f.options.map((o) => <Badge key={o}>{o}</Badge>)}</span> : <span className="text-zinc-400">—</span>}
                  </Td>
                  {admin ? (
                    <Td className="whitespace-nowrap text-right">
                      <Button variant="ghost" size="sm" onClick={() => setEditing(f)} aria-label={`Edit ${f.label}`}>
                        <Pencil aria-hidden="true" /> Edit
                      </Button>
                      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setArchiving(f)} aria-label={`Delete ${f.label}`}>
                        <Trash2 aria-hidden="true" /> Delete
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <FieldDialog open={adding} onOpenChange={setAdding} entity={entity} />
      <FieldDialog open={editing !== null} onOpenChange={(o) => !o && setEditing(null)} entity={entity} field={editing ?? undefined} />
      <ConfirmDialog
        open={archiving !== null}
        onOpenChange={(o) => !o && setArchiving(null)}
        title={`Delete ${archiving?.label ?? 'field'}?`}
        description="The field is archived, its data is kept: it disappears from forms, lists and exports, and the values stored on records stay in the database."
        confirmLabel="Delete field"
        pending={archive.isPending}
        onConfirm={() => {
          const f = archiving;
          if (!f) return;
          archive.mutateAsync(f.id).then(
            () => {
              toast.success(`${f.label} archived`);
              setArchiving(null);
            },
            (err: unknown) => toast.error(errorMessage(err)),
          );
        }}
      />
    </>
  );
}
