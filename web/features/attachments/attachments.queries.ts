// Files attached to a record: the list, uploads (multipart through XMLHttpRequest, so the bytes
// sent can be shown as progress) and removal. A change refreshes the list and the record's timeline.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { RelatedType } from '../../../contracts/entities';
import type { Attachment } from '../../../contracts/responses';
import { api, ApiError, qs, toApiError } from '../../lib/api';
import { queryClient } from '../../lib/query-client';
import { invalidateCrm } from '../../lib/resource';

export type { Attachment, RelatedType };

export interface AttachmentTarget {
  relatedType: RelatedType;
  relatedId: string;
}

const keys = {
  all: ['attachments'] as const,
  list: (t: AttachmentTarget) => ['attachments', t.relatedType, t.relatedId] as const,
};

export const downloadHref = (id: string) => `/api/v1/attachments/${id}/download`;

/** A record's files, newest first (the server's order). */
export function useAttachments(target: AttachmentTarget) {
  return useQuery({
    queryKey: keys.list(target),
    queryFn: ({ signal }) => api<{ data: Attachment[] }>(`/attachments${qs({ relatedType: target.relatedType, relatedId: target.relatedId })}`, { signal }).then((r) => r.data),
  });
}

/** After a change (or a batch of uploads, some of which may have failed): the list and timeline. */
export function refreshAttachments() {
  // The timeline gains an "attached …" / "removed …" entry; it lives under the record's own keys.
  return Promise.all([queryClient.invalidateQueries({ queryKey: keys.all }), invalidateCrm()]);
}

/** Sends one file; `onProgress` gets the fraction of its bytes sent so far (0–1). */
export function uploadAttachment(file: File, target: AttachmentTarget, onProgress: (fraction: number) => void): Promise<Attachment> {
  const body = new FormData();
  body.set('file', file);
  body.set('relatedType', target.relatedType);
  body.set('relatedId', target.relatedId);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/attachments');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const res = new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText, headers: { 'Content-Type': 'application/json' } });
      if (!res.ok) {
        void toApiError(res).then(reject, reject);
        return;
      }
      res
        .json()
        .then((r: { data: Attachment }) => resolve(r.data))
        .catch(() => reject(new ApiError(xhr.status, 'bad_response', 'The server sent an unreadable answer')));
    };
    // A server that refuses a too-large body may close the connection before reading it all.
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The upload was interrupted. The file may be too large, or the connection dropped.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled'));
    xhr.send(body);
  });
}

export function useDeleteAttachment() {
  return useMutation({
    mutationFn: (id: string) => api<void>(`/attachments/${id}`, { method: 'DELETE' }),
    onSuccess: () => refreshAttachments(),
  });
}
