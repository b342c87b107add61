// Each user's column choices per list (shown, order, widths), kept in localStorage under the
// user's and the list's name, so two people sharing a browser keep their own layouts.
import { useCallback, useState } from 'react';

export interface GridPrefs {
  hidden: string[];
  shown: string[];
  order: string[];
  sizes: Record<string, number>;
}

const EMPTY: GridPrefs = { hidden: [], shown: [], order: [], sizes: {} };
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const gridPrefsKey = (userId: string, entity: string) => `meridian.grid.${userId}.${entity}`;

function read(key: string): GridPrefs {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<GridPrefs> | null;
    if (!v || typeof v !== 'object') return EMPTY;
    const sizes: Record<string, number> = {};
    for (const [k, n] of Object.entries(v.sizes ?? {})) if (typeof n === 'number' && n >= 40 && n <= 1200) sizes[k] = n;
    return { hidden: strings(v.hidden), shown: strings(v.shown), order: strings(v.order), sizes };
  } catch {
    return EMPTY;
  }
}

export function useGridPrefs(userId: string, entity: string) {
  const key = gridPrefsKey(userId, entity);
  const [prefs, setPrefs] = useState(() => read(key));
  const update = useCallback(
    (change: (p: GridPrefs) => GridPrefs) =>
      setPrefs((prev) => {
        const next = change(prev);
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // Private mode or a full quota: the layout lasts for this page view only.
        }
        return next;
      }),
    [key],
  );
  return [prefs, update] as const;
}
