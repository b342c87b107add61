// Several members at once: a button listing the chosen names that opens a checklist of the
// organization's members. Each member is a labelled checkbox, so keyboard and screen readers work.
import { ChevronsUpDown } from 'lucide-react';
import { Popover } from 'radix-ui';
import { fieldClass } from '../../components/ui/input';
import { cn } from '../../lib/utils';
import { useMembers } from '../settings/settings.queries';

interface MemberMultiSelectProps {
  id?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function MemberMultiSelect({ id, value, onChange, ...aria }: MemberMultiSelectProps) {
  const members = useMembers({ fresh: true });
  const list = (members.data ?? []).filter((m) => !m.deactivatedAt);
  const names = list.filter((m) => value.includes(m.userId)).map((m) => m.name);
  const toggle = (userId: string, on: boolean) => onChange(on ? [...value, userId] : value.filter((v) => v !== userId));

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" id={id} aria-haspopup="dialog" {...aria} className={cn(fieldClass, 'flex min-h-9 items-center justify-between gap-2 text-left')}>
          <span className={cn('truncate', names.length === 0 && 'text-zinc-400')}>{names.length ? names.join(', ') : 'Nobody yet'}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden="true" />
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} aria-label="Assignees" className="z-50 w-[var(--radix-popover-trigger-width)] min-w-64 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <fieldset>
            <legend className="sr-only">Assignees</legend>
            {members.isPending ? <p className="px-2 py-1.5 text-sm text-zinc-500">Loading…</p> : null}
            <ul className="max-h-60 overflow-y-auto">
              {list.map((m) => (
                <li key={m.userId}>
                  <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100">
                    <input type="checkbox" className="size-4 accent-indigo-600" checked={value.includes(m.userId)} onChange={(e) => toggle(m.userId, e.target.checked)} />
                    <span className="flex-1 truncate">{m.name}</span>
                    <span className="truncate text-xs text-zinc-500">{m.email}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
