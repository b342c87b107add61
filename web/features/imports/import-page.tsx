// /import/:resource — the CSV import wizard: file → column mapping → duplicates and dry run → run
// with progress and summary; the recent imports underneath.
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { toast } from 'sonner';
import { PageHeader } from '../../components/app-shell';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { cn, titleCase } from '../../lib/utils';
import { canEdit, useMe } from '../auth/session';
import { ImportFileStep } from './import-file-step';
import { ImportMappingStep } from './import-mapping-step';
import { ImportPreviewStep } from './import-preview-step';
import { ImportRunStep } from './import-run-step';
import { isImportResource, useImportPreview, useRunImport, useUploadImport, type DuplicateMode, type ImportResource, type Mapping, type UploadedImport } from './imports.queries';
import { RecentImports } from './recent-imports';
import { plural } from '../../lib/format';

const STEPS = ['Choose file', 'Map columns', 'Preview', 'Import'] as const;

export function ImportPage() {
  const { resource } = useParams();
  const me = useMe();
  if (!isImportResource(resource)) {
    return <PageHeader title="Import" description="Imports go into contacts, companies, deals or leads." />;
  }
  return (
    <>
      <Link to={`/${resource}`} className="mb-4 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900">
        <ArrowLeft className="size-4" aria-hidden="true" /> {titleCase(resource)}
      </Link>
      <PageHeader title={`Import ${resource}`} description="Bring records in from a CSV file: map its columns, check a dry run, then import." />
      {canEdit(me.role) ? <ImportWizard key={resource} resource={resource} /> : <p className="text-sm text-zinc-600">Viewers cannot import. Ask a member or an admin.</p>}
      <RecentImports />
    </>
  );
}

function ImportWizard({ resource }: { resource: ImportResource }) {
  const [step, setStep] = useState(0);
  const [job, setJob] = useState<UploadedImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [duplicates, setDuplicates] = useState<DuplicateMode>('skip');
  const upload = useUploadImport();
  const run = useRunImport();
  const settings = { mapping, duplicates };
  const preview = useImportPreview(job?.id ?? null, settings, step === 2);
  const mapped = Object.values(mapping).some(Boolean);

  async function onFile(file: File) {
    try {
      const uploaded = await upload.mutateAsync({ file, resource });
      setJob(uploaded);
      setMapping(Object.fromEntries(uploaded.headers.map((h) => [h, uploaded.mapping?.[h] ?? null])));
      setStep(1);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  async function onRun() {
    if (!job) return;
    try {
      await run.mutateAsync({ id: job.id, settings });
      setStep(3);
    } catch (e) {
      toast.error(errorMessage(e));
    }
  }

  function restart() {
    setJob(null);
    setMapping({});
    setDuplicates('skip');
    setStep(0);
  }

  return (
    <Card className="p-6">
      <ol aria-label="Import steps" className="mb-6 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? 'step' : undefined} className={cn('flex items-center gap-2', i === step ? 'font-semibold text-indigo-700' : i < step ? 'text-zinc-700' : 'text-zinc-400')}>
            <span className={cn('flex size-6 items-center justify-center rounded-full border text-xs', i === step ? 'border-indigo-600 bg-indigo-600 text-on-accent' : i < step ? 'border-zinc-400' : 'border-zinc-300')}>{i + 1}</span>
            {label}
          </li>
        ))}
      </ol>

      <h2 className="mb-4 text-base font-semibold">{STEPS[step]}</h2>
      {step === 0 ? <ImportFileStep onFile={onFile} busy={upload.isPending} /> : null}
      {step === 1 && job ? (
        <>
          <p className="mb-4 text-sm text-zinc-600">
            <span className="font-medium text-zinc-900">{job.filename}</span>: {plural(job.totalRows, 'row', 'rows')}, {plural(job.headers.length, 'column', 'columns')}. Columns set to Ignore are left out.
          </p>
          <ImportMappingStep job={job} mapping={mapping} onChange={setMapping} />
          <div className="mt-6 flex flex-wrap justify-between gap-2">
            <Button variant="secondary" onClick={restart}>
              <ArrowLeft aria-hidden="true" /> Choose another file
            </Button>
            <Button onClick={() => setStep(2)} disabled={!mapped}>
              Continue to preview <ArrowRight aria-hidden="true" />
            </Button>
          </div>
        </>
      ) : null}
      {step === 2 && job ? (
        <>
          <ImportPreviewStep resource={resource} duplicates={duplicates} onDuplicates={setDuplicates} preview={preview.data} pending={preview.isFetching} error={preview.error} onRetry={() => preview.refetch()} />
          <div className="mt-6 flex flex-wrap justify-between gap-2">
            <Button variant="secondary" onClick={() => setStep(1)}>
              <ArrowLeft aria-hidden="true" /> Back to mapping
            </Button>
            <Button onClick={onRun} disabled={!preview.data || preview.isFetching || run.isPending || preview.data.create + preview.data.update === 0}>
              {preview.data ? `Import ${(preview.data.create + preview.data.update).toLocaleString()} rows` : 'Import'}
            </Button>
          </div>
        </>
      ) : null}
      {step === 3 && job ? <ImportRunStep id={job.id} resource={resource} onAnother={restart} /> : null}
    </Card>
  );
}
