// Settings → Pipelines: admins create, rename and delete pipelines and manage their stages;
// everyone else sees them read-only.
import { ArrowLeft, Plus, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { Input } from '../../components/ui/input';
import { Badge, Card, Skeleton } from '../../components/ui/misc';
import type { Pipeline } from '../../../contracts/sales';
import { errorMessage } from '../../lib/api';
import { isAdmin, useMe } from '../auth/session';
import { usePipelines } from '../deals/deals.queries';
import { StagesTable } from './pipelines-stages';
import { useCreatePipeline, useDeletePipeline, useRenamePipeline } from './pipelines.queries';

export function PipelinesPage() {
  const me = useMe();
  const admin = isAdmin(me.role);
  const pipelines = usePipelines();
  const create = useCreatePipeline();
  const [name, setName] = useState('');

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      await create.mutateAsync(name.trim());
      toast.success(`Pipeline ${name.trim()} created`);
      setName('');
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <>
      <Link to="/settings" className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft className="size-4" aria-hidden="true" /> Settings
      </Link>
      <PageHeader title="Pipelines" description={admin ? 'Stages, probabilities and stale limits of your sales pipelines.' : 'Your sales pipelines. Only admins can change them.'} />
      {admin ? (
        <form onSubmit={onCreate} className="mb-6 flex max-w-md gap-2" aria-label="Create a pipeline">
          <Input aria-label="New pipeline name" placeholder="New pipeline name" value={name} onChange={(e) => setName(e.target.value)} />
          <Button type="submit" disabled={create.isPending || !name.trim()}>
            <Plus aria-hidden="true" /> Create pipeline
          </Button>
        </form>
      ) : null}
      {pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : pipelines.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <div className="space-y-6">
          {pipelines.data.map((p) => (
            <PipelineCard key={p.id} pipeline={p} admin={admin} />
          ))}
        </div>
      )}
    </>
  );
}

function PipelineCard({ pipeline, admin }: { pipeline: Pipeline; admin: boolean }) {
  const rename = useRenamePipeline();
  const remove = useDeletePipeline();
  const [confirming, setConfirming] = useState(false);
  const headingId = `pipeline-${pipeline.id}`;
  return (
    <Card aria-labelledby={headingId}>
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 p-4">
        <h2 id={headingId} className={admin ? 'sr-only' : 'text-base font-semibold'}>{pipeline.name}</h2>
        {admin ? (
          <Input
            aria-label={`Name of pipeline ${pipeline.name}`}
            className="max-w-xs font-semibold"
            defaultValue={pipeline.name}
            key={pipeline.name}
            onBlur={(e) => {
              const v = e.target.value.trim();
              if (v && v !== pipeline.name) rename.mutateAsync({ id: pipeline.id, name: v }).then(() => toast.success('Pipeline renamed'), (err: unknown) => toast.error(errorMessage(err)));
            }}
          />
        ) : null}
        {pipeline.isDefault ? <Badge>Default</Badge> : null}
        {admin && !pipeline.isDefault ? (
          <Button variant="ghost" size="sm" className="ml-auto text-red-700" onClick={() => setConfirming(true)}>
            <Trash2 aria-hidden="true" /> Delete pipeline
          </Button>
        ) : null}
      </div>
      <StagesTable pipeline={pipeline} editable={admin} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${pipeline.name}?`}
        description="Only a pipeline without deals can be deleted."
        confirmLabel="Delete pipeline"
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutateAsync(pipeline.id).then(
            () => {
              toast.success(`${pipeline.name} deleted`);
              setConfirming(false);
            },
            (err: unknown) => toast.error(errorMessage(err)),
          )
        }
      />
    </Card>
  );
}
