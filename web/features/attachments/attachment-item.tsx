// One attached file: its name (a download link), size, detected type, who added it and when, and
// for members a delete button behind a confirmation.
import { FileImage, FileText, File as FileIcon, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/dialog';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { downloadHref, useDeleteAttachment, type Attachment } from './attachments.queries';
import { humanSize, typeLabel } from './file-format';

function iconFor(contentType: string) {
  if (contentType.startsWith('image/')) return FileImage;
  if (contentType.startsWith('text/') || contentType === 'application/pdf') return FileText;
  return FileIcon;
}

export function AttachmentItem({ attachment: a, uploader, editable }: { attachment: Attachment; uploader: string | null; editable: boolean }) {
  const remove = useDeleteAttachment();
  const [confirming, setConfirming] = useState(false);
  const Icon = iconFor(a.contentType);

  return (
    <li className="flex items-center gap-3 py-2.5" aria-label={a.filename}>
      <Icon className="size-5 shrink-0 text-zinc-400" aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <a href={downloadHref(a.id)} download={a.filename} className="block truncate text-sm font-medium text-indigo-700 hover:underline" title={`Download ${a.filename}`}>
          {a.filename}
        </a>
        <p className="truncate text-xs text-zinc-500">
          <span>{humanSize(a.size)}</span>
          <span aria-hidden="true"> · </span>
          <span title={a.contentType}>{typeLabel(a.contentType)}</span>
          <span aria-hidden="true"> · </span>
          {uploader ? <>{uploader}, </> : null}
          <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
        </p>
      </div>
      {editable ? (
        <Button variant="ghost" size="icon" className="size-8 text-red-700 hover:bg-red-50" aria-label={`Delete ${a.filename}`} title="Delete" onClick={() => setConfirming(true)}>
          <Trash2 />
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete ${a.filename}?`}
        description="The file is removed from this record for everyone. The timeline keeps a note that it was removed."
        confirmLabel="Delete file"
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              setConfirming(false);
              toast.success(`Removed ${a.filename}`);
            },
            onError: (e) => toast.error(errorMessage(e)),
          })
        }
      />
    </li>
  );
}
