import { zodResolver } from '@hookform/resolvers/zod';
import { KeyRound, Plus, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { ApiKeyCreateSchema, type ApiKey } from '../../../contracts/members';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog, Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Card, Table, Td, Th } from '../../components/ui/misc';
import { applyServerErrors } from '../../lib/forms';
import { errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { LinkField } from './invite-section';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './settings.queries';

const NameOnly = ApiKeyCreateSchema.pick({ name: true });

export function ApiKeysPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const keys = useApiKeys(admin);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(NameOnly), defaultValues: { name: '' } });

  if (!admin) {
    return (
      <>
        <PageHeader title="API keys" />
        <Card className="p-6 text-sm text-zinc-600">Only admins can see and create API keys.</Card>
      </>
    );
  }

  const onSubmit = form.handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const k = await create.mutateAsync(name);
      form.reset({ name: '' });
      setCreated({ name: k.name ?? name, key: k.key });
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError, ['name']));
    }
  });

  return (
    <>
      <PageHeader title="API keys" description="Scripts and integrations use these to call the REST API as you, in this organization." />
      <div className="space-y-6">
        <Card className="p-6" aria-labelledby="new-key">
          <h2 id="new-key" className="text-base font-semibold">Create a key</h2>
          <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
            <Field label="Key name" error={form.formState.errors.name?.message} hint="What uses it, e.g. “Zapier” or “nightly export”." className="flex-1">
              <Input autoComplete="off" {...form.register('name')} />
            </Field>
            <Button type="submit" disabled={form.formState.isSubmitting} className="sm:mt-6">
              <Plus aria-hidden="true" /> Create key
            </Button>
          </form>
          <div className="mt-3">
            <FormError message={formError} />
          </div>
        </Card>

        {keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => keys.refetch()} />
        ) : keys.data?.length === 0 ? (
          <Card>
            <EmptyState icon={<KeyRound aria-hidden="true" />} title="No API keys yet" message="Create one above to use the API from scripts and tools." />
          </Card>
        ) : (
          <Card>
            <Table aria-label="API keys">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th className="hidden md:table-cell">Created by</Th>
                  <Th className="hidden sm:table-cell">Created</Th>
                  <Th className="hidden md:table-cell">Last used</Th>
                  <Th><span className="sr-only">Actions</span></Th>
                </tr>
              </thead>
              {keys.isPending ? (
                <TableSkeleton columns={6} rows={2} />
              ) : (
                <tbody>
                  {keys.data.map((k) => (
                    <tr key={k.id}>
                      <Td className="font-medium">{k.name ?? 'Unnamed key'}</Td>
                      <Td className="font-mono text-xs text-zinc-600">{k.masked}</Td>
                      <Td className="hidden text-zinc-600 md:table-cell">{k.userName ?? '—'}</Td>
                      <Td className="hidden text-zinc-500 sm:table-cell">{formatDate(k.createdAt)}</Td>
                      <Td className="hidden text-zinc-500 md:table-cell">{k.lastUsedAt ? formatDate(k.lastUsedAt) : 'Never'}</Td>
                      <Td className="text-right">
                        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name ?? 'key'}`}>
                          Revoke
                        </Button>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              )}
            </Table>
          </Card>
        )}
      </div>

      <Dialog open={created !== null} onOpenChange={(o) => !o && setCreated(null)} title={`API key “${created?.name ?? ''}” created`}>
        <div role="alert" className="mb-4 flex gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <TriangleAlert className="size-4 shrink-0" aria-hidden="true" />
          Copy this key now. It is shown only once; we store just a fingerprint of it.
        </div>
        {created ? <LinkField url={created.key} label="API key" /> : null}
        <div className="mt-6 flex justify-end">
          <Button onClick={() => setCreated(null)}>I have copied it</Button>
        </div>
      </Dialog>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={`Revoke “${revoking?.name ?? 'key'}”?`}
        description="Anything using this key stops working at once. This cannot be undone."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => toast.success('Key revoked'),
            onError: (e) => toast.error(errorMessage(e)),
            onSettled: () => setRevoking(null),
          });
        }}
      />
    </>
  );
}
