// "?new=1" on a list page opens its create dialog (the command palette's Quick create links there).
// The parameter is removed once the dialog opens, so Back and reloads do not reopen it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export function useCreateParam() {
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(params.get('new') === '1');
  const wantsNew = params.get('new') === '1';
  useEffect(() => {
    if (!wantsNew) return;
    setCreating(true);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('new');
        return next;
      },
      { replace: true },
    );
  }, [wantsNew, setParams]);
  return [creating, setCreating] as const;
}
