// Pieces shared by detail pages: field list, delete-with-undo, not-found.
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { errorMessage } from '../lib/api';
import { navigateApp } from '../lib/navigation';

export function Fields({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
      {items.map(({ label, value }, i) => (
        // Custom fields may repeat a built-in label, so the position is part of the key.
        <div key={`${i}:${label}`} className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">{label}</dt>
          <dd className="mt-1 break-words text-sm text-zinc-900">{value === null || value === undefined || value === '' ? <span className="text-zinc-400">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Deletes (soft), goes back to the list, and offers Undo in the toast — the server keeps the
 * record restorable, so a slip costs one click instead of a confirmation for every delete.
 */
export function useDeleteWithUndo<TRestored>(opts: {
  remove: UseMutationResult<void, Error, string>;
  restore: UseMutationResult<TRestored, Error, string>;
  listPath: string;
  label: (id: string) => string;
}) {
  const navigate = useNavigate();
  return async (id: string) => {
    try {
      await opts.remove.mutateAsync(id);
    } catch (e) {
      toast.error(errorMessage(e));
      return false;
    }
    const name = opts.label(id);
    navigate(opts.listPath);
    toast.success(`${name} deleted`, {
      duration: 8000,
      action: {
        label: 'Undo',
        // mutateAsync, not mutate(…, callbacks): per-call callbacks are dropped once the page that
        // owns the mutation has unmounted, and by the time Undo is clicked it has.
        onClick: () => {
          opts.restore.mutateAsync(id).then(
            () => {
              toast.success(`${name} restored`);
              navigateApp(`${opts.listPath}/${id}`);
            },
            (e: unknown) => toast.error(errorMessage(e)),
          );
        },
      },
    });
    return true;
  };
}
