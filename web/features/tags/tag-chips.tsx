// Tags shown as chips in their color: a colored dot and a light tint of it behind dark text, so the
// name stays readable whatever the color.
import type { ReactNode } from 'react';
import { cn } from '../../lib/utils';
import { useTagColors } from './tags.queries';

export function TagChip({ name, color, className, children }: { name: string; color: string; className?: string; children?: ReactNode }) {
  return (
    <span className={cn('inline-flex max-w-full items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium text-zinc-800 ring-1 ring-inset', className)} style={{ backgroundColor: `${color}1f`, ['--tw-ring-color' as string]: `${color}66` }}>
      <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ backgroundColor: color }} />
      <span className="truncate">{name}</span>
      {children}
    </span>
  );
}

/** A record's tags with the organization's colors; nothing when there are none. */
export function TagChips({ tags, max, className }: { tags: string[]; max?: number; className?: string }) {
  const colorOf = useTagColors();
  if (tags.length === 0) return null;
  const shown = max ? tags.slice(0, max) : tags;
  return (
    <span className={cn('flex flex-wrap gap-1', className)}>
      {shown.map((t) => (
        <TagChip key={t} name={t} color={colorOf(t)} />
      ))}
      {tags.length > shown.length ? <span className="text-xs text-zinc-500">+{tags.length - shown.length}</span> : null}
    </span>
  );
}
