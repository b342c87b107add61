// The Attachments card of a record page: upload (button, drop, several files at once, each with its
// own progress and, if refused, its own error), then the record's files, newest first.
// Drop <AttachmentsSection relatedType="contact" relatedId={id} /> into any detail page.
import { AlertCircle, LoaderCircle, Paperclip, X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Card, Skeleton } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { canEdit, useMe } from '../auth/session';
import { useMembers } from '../settings/settings.queries';
import { AttachmentItem } from './attachment-item';
import { refreshAttachments, uploadAttachment, useAttachments, type AttachmentTarget } from './attachments.queries';
import { humanSize } from './file-format';
import { UploadZone } from './upload-zone';

interface PendingUpload {
  key: string;
  name: string;
  size: number;
  /** 0–1 of the bytes sent. */
  progress: number;
  error: string | null;
}

/** Why the server refused a file, in words that say what to do about it. */
function uploadError(e: unknown): string {
  const said = e instanceof Error ? e.message.replace(/\.$/, '') : '';
  if (e instanceof ApiError && e.status === 413) return `Too large. ${said}.`;
  if (e instanceof ApiError && e.status === 400) return `Refused: ${said}.`;
  if (e instanceof ApiError && e.status === 403) return 'You do not have permission to attach files here.';
  return errorMessage(e);
}

let nextKey = 0;

export function AttachmentsSection({ relatedType, relatedId, className }: AttachmentTarget & { className?: string }) {
  const me = useMe();
  const editable = canEdit(me.role);
  const files = useAttachments({ relatedType, relatedId });
  const members = useMembers();
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const headingId = useId();

  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.name])), [members.data]);
  const uploader = (userId: string | null) => (!userId ? null : userId === me.user.id ? 'you' : (names.get(userId) ?? null));

  const patch = (key: string, change: Partial<PendingUpload>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  async function uploadOne(file: File, key: string) {
    try {
      await uploadAttachment(file, { relatedType, relatedId }, (progress) => patch(key, { progress }));
      // The file joins the list (and the timeline) before its progress row goes away.
      await refreshAttachments();
      setPending((list) => list.filter((p) => p.key !== key));
      toast.success(`Attached ${file.name}`);
    } catch (e) {
      patch(key, { error: uploadError(e), progress: 0 });
    }
  }

  async function upload(chosen: File[]) {
    const batch = chosen.map((file) => ({ file, key: `upload-${nextKey++}` }));
    setPending((list) => [...list, ...batch.map(({ file, key }) => ({ key, name: file.name, size: file.size, progress: 0, error: null }))]);
    await Promise.all(batch.map(({ file, key }) => uploadOne(file, key)));
  }

  const uploading = pending.some((p) => !p.error);

  return (
    <Card className={className ?? 'mt-6 p-6'} aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-4 text-base font-semibold">Attachments</h2>
      {editable ? <UploadZone onFiles={(chosen) => void upload(chosen)} busy={uploading} /> : null}
      {pending.length ? (
        <ul aria-label="Uploads" className="mb-4 space-y-2">
          {pending.map((p) => (
            <li key={p.key} className={p.error ? 'rounded-md border border-red-200 bg-red-50 px-3 py-2' : 'rounded-md border border-zinc-200 px-3 py-2'}>
              <div className="flex items-center gap-2 text-sm">
                {p.error ? <AlertCircle className="size-4 shrink-0 text-red-600" aria-hidden="true" /> : <LoaderCircle className="size-4 shrink-0 animate-spin text-zinc-500" aria-hidden="true" />}
                <span className="min-w-0 flex-1 truncate font-medium">{p.name}</span>
                <span className="text-xs text-zinc-500">{humanSize(p.size)}</span>
                {p.error ? (
                  <Button variant="ghost" size="icon" className="size-7" aria-label={`Dismiss the error for ${p.name}`} onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                    <X />
                  </Button>
                ) : null}
              </div>
              {p.error ? (
                <p role="alert" className="mt-1 text-xs text-red-700">
                  {p.name}: {p.error}
                </p>
              ) : (
                <progress className="mt-2 h-1.5 w-full accent-indigo-600" max={1} value={p.progress} aria-label={`Uploading ${p.name}`}>
                  {Math.round(p.progress * 100)}%
                </progress>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {files.isError ? (
        <ErrorState error={files.error} onRetry={() => files.refetch()} />
      ) : files.isPending ? (
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : files.data.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500">
          <Paperclip className="size-4" aria-hidden="true" /> No files yet.
        </p>
      ) : (
        <ul aria-label="Attachments" className="divide-y divide-zinc-100">
          {files.data.map((a) => <AttachmentItem key={a.id} attachment={a} uploader={uploader(a.createdBy)} editable={editable} />)}
        </ul>
      )}
    </Card>
  );
}
