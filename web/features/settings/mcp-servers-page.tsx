// Settings → Integrations → MCP servers: the outside tools the assistant may use. Admins add a server
// (name, Streamable HTTP URL, optional bearer token), see its status and last error, switch each tool
// on or off and choose whether it waits for approval; members see what is connected.
import { Plug, Plus, RefreshCw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { McpServer } from '../../../contracts/mcp-servers';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { useCreateMcpServer, useDeleteMcpServer, useMcpServers, useRefreshMcpServer, useUpdateMcpServer, useUpdateMcpTool } from './mcp-servers.queries';

function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return {};
  return Object.fromEntries((e.details as { path: string; message: string }[]).map((d) => [d.path.split('.')[0], d.message]));
}

export function McpServersPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const servers = useMcpServers();
  const create = useCreateMcpServer();
  const remove = useDeleteMcpServer();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<McpServer | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    if (!name.trim()) return setErrors({ name: 'Enter a short name, like m365' });
    if (!url.trim()) return setErrors({ url: 'Enter the server\'s URL' });
    try {
      const s = await create.mutateAsync({ name: name.trim(), url: url.trim(), ...(token.trim() ? { auth: 'bearer' as const, token: token.trim() } : {}) });
      if (s.lastError) toast.warning(`Saved, but the server could not be reached: ${s.lastError}`);
      else toast.success(`Connected ${s.name}: ${s.tools.length} ${s.tools.length === 1 ? 'tool' : 'tools'}`);
      setName('');
      setUrl('');
      setToken('');
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      if (!byField.name && !byField.url && !byField.token) setFormError(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeader title="MCP servers" description="Outside tools the assistant may use — mail, calendars, files — through the Model Context Protocol. Tools appear to the assistant as server__tool." />
      <div className="space-y-6">
        {admin ? (
          <Card className="p-6" aria-labelledby="new-mcp">
            <h2 id="new-mcp" className="text-base font-semibold">Add a server</h2>
            <form onSubmit={onSubmit} noValidate className="mt-4 grid gap-4 md:grid-cols-2">
              <Field label="Name" error={errors.name} hint="Lower-case letters, digits and _; the tools' prefix (m365 → m365__list_mail).">
                <Input autoComplete="off" placeholder="m365" value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Field label="URL" error={errors.url} hint="The server's Streamable HTTP endpoint; private network addresses are refused.">
                <Input type="url" inputMode="url" autoComplete="off" placeholder="https://mcp.example.com/mcp" value={url} onChange={(e) => setUrl(e.target.value)} />
              </Field>
              <Field label="Bearer token (optional)" error={errors.token} hint="Stored encrypted; never shown again.">
                <Input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
              </Field>
              <div className="flex items-end">
                <Button type="submit" disabled={create.isPending}>
                  <Plus aria-hidden="true" /> {create.isPending ? 'Connecting…' : 'Add server'}
                </Button>
              </div>
              <div className="md:col-span-2"><FormError message={formError} /></div>
            </form>
          </Card>
        ) : null}

        {servers.isError ? (
          <ErrorState error={servers.error} onRetry={() => servers.refetch()} />
        ) : servers.isPending ? (
          <Card className="p-6"><Skeleton className="h-24" /></Card>
        ) : servers.data.length === 0 ? (
          <Card>
            <EmptyState icon={<Plug aria-hidden="true" />} title="No MCP servers yet" message={admin ? 'Add one above to let the assistant use its tools.' : 'An admin can connect one.'} />
          </Card>
        ) : (
          servers.data.map((s) => <ServerCard key={s.id} server={s} admin={admin} onDelete={() => setDeleting(s)} />)
        )}
      </div>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(o) => !o && setDeleting(null)}
        title="Remove this MCP server?"
        description={`The assistant stops using the tools of ${deleting?.name ?? ''}. Its token is deleted.`}
        confirmLabel="Remove server"
        pending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, { onSuccess: () => toast.success('Server removed'), onError: (e) => toast.error(errorMessage(e)), onSettled: () => setDeleting(null) });
        }}
      />
    </>
  );
}

function ServerCard({ server: s, admin, onDelete }: { server: McpServer; admin: boolean; onDelete: () => void }) {
  const update = useUpdateMcpServer();
  const refresh = useRefreshMcpServer();
  const tool = useUpdateMcpTool();
  const status = !s.enabled ? { tone: 'inactive', text: 'Off' } : s.lastError ? { tone: 'churned', text: 'Error' } : { tone: 'customer', text: 'Connected' };
  return (
    <Card className="p-4 sm:p-6" aria-labelledby={`mcp-${s.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`mcp-${s.id}`} className="flex items-center gap-2 text-base font-semibold">
            {s.name} <Badge tone={status.tone}>{status.text}</Badge>
          </h2>
          <p className="mt-1 break-all font-mono text-xs text-zinc-500">{s.transport === 'stdio' ? `stdio: ${s.command ?? ''}` : s.url}</p>
          <p className="mt-1 text-xs text-zinc-500">
            {s.hasToken ? 'Bearer token saved · ' : ''}
            {s.lastDiscoveredAt ? `Tools listed ${formatDateTime(s.lastDiscoveredAt)}` : 'Tools not listed yet'}
          </p>
          {s.lastError ? <p role="status" className="mt-2 text-sm text-red-700">Last error: {s.lastError}</p> : null}
        </div>
        {admin ? (
          <div className="flex flex-wrap gap-1">
            <Button variant="ghost" size="sm" disabled={refresh.isPending} onClick={() => refresh.mutate(s.id, { onSuccess: (r) => (r.lastError ? toast.error(r.lastError) : toast.success(`${r.tools.length} tools listed`)), onError: (e) => toast.error(errorMessage(e)) })} aria-label={`Refresh tools of ${s.name}`}>
              <RefreshCw aria-hidden="true" /> Refresh
            </Button>
            <Button variant="ghost" size="sm" onClick={() => update.mutate({ id: s.id, enabled: !s.enabled }, { onError: (e) => toast.error(errorMessage(e)) })} aria-label={`${s.enabled ? 'Switch off' : 'Switch on'} ${s.name}`}>
              {s.enabled ? 'Switch off' : 'Switch on'}
            </Button>
            <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={onDelete} aria-label={`Remove ${s.name}`}>Remove</Button>
          </div>
        ) : null}
      </div>
      {s.tools.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-600">No tools known yet.</p>
      ) : (
        <ul aria-label={`Tools of ${s.name}`} className="mt-4 divide-y divide-zinc-100 rounded-md border border-zinc-200">
          {s.tools.map((t) => (
            <li key={t.name} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="break-all font-mono text-sm">{t.qualifiedName}{t.readOnly ? <Badge className="ml-2">read-only</Badge> : null}</p>
                {t.description ? <p className="text-xs text-zinc-500">{t.description}</p> : null}
              </div>
              <div className="flex shrink-0 gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input type="checkbox" className="size-4 rounded border-zinc-300" disabled={!admin || tool.isPending} checked={t.enabled} onChange={(e) => tool.mutate({ id: s.id, tool: t.name, enabled: e.target.checked }, { onError: (err) => toast.error(errorMessage(err)) })} aria-label={`Enable ${t.qualifiedName}`} />
                  Enabled
                </label>
                <label className="flex items-center gap-2">
                  <input type="checkbox" className="size-4 rounded border-zinc-300" disabled={!admin || tool.isPending} checked={t.needsApproval} onChange={(e) => tool.mutate({ id: s.id, tool: t.name, needsApproval: e.target.checked }, { onError: (err) => toast.error(errorMessage(err)) })} aria-label={`${t.qualifiedName} needs approval`} />
                  Needs approval
                </label>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
