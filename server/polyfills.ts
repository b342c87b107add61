// Node 20 lacks Object.groupBy / Map.groupBy (Node 21+); some dependencies call them.
// Loaded first by every entry point.
type Key = PropertyKey;
const O = Object as unknown as { groupBy?: unknown };
if (!O.groupBy) {
  O.groupBy = <T>(items: Iterable<T>, fn: (x: T, i: number) => Key) => {
    const out: Record<Key, T[]> = Object.create(null);
    let i = 0;
    for (const x of items) (out[fn(x, i++)] ??= []).push(x);
    return out;
  };
}
const M = Map as unknown as { groupBy?: unknown };
if (!M.groupBy) {
  M.groupBy = <T>(items: Iterable<T>, fn: (x: T, i: number) => unknown) => {
    const out = new Map<unknown, T[]>();
    let i = 0;
    for (const x of items) {
      const k = fn(x, i++);
      const list = out.get(k);
      if (list) list.push(x);
      else out.set(k, [x]);
    }
    return out;
  };
}
export {};
