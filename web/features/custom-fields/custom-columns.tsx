// Custom field columns on a list page: a "Columns" menu to show or hide each active field (remembered
// per list in localStorage), sortable headers (sort=customFields.<key>) and the cells.
import { Columns3 } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { SortHeader } from '../../components/data-table';
import { buttonVariants } from '../../components/ui/button';
import { Td } from '../../components/ui/misc';
import { customFieldValue } from './custom-field-values';
import { useActiveFields, valuesOf, type CustomField, type FieldEntity } from './custom-fields.queries';

function readShown(storageKey: string): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function useCustomColumns(entity: FieldEntity) {
  const storageKey = `meridian.columns.${entity}`;
  const fields = useActiveFields(entity);
  const [shown, setShown] = useState(() => readShown(storageKey));
  const toggle = (key: string) => {
    const next = shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key];
    setShown(next);
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Private mode or a full quota: the choice lasts for this page view only.
    }
  };
  return { fields, visible: fields.filter((f) => shown.includes(f.key)), toggle };
}

export type CustomColumns = ReturnType<typeof useCustomColumns>;

const item = 'flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm text-zinc-800 outline-none data-[highlighted]:bg-zinc-100';

export function ColumnsMenu({ columns }: { columns: CustomColumns }) {
  if (columns.fields.length === 0) return null;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonVariants({ variant: 'secondary' })}>
        <Columns3 aria-hidden="true" /> Columns
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-50 min-w-52 rounded-md border border-zinc-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs font-medium uppercase tracking-wide text-zinc-500">Custom fields</DropdownMenu.Label>
          {columns.fields.map((f) => (
            <DropdownMenu.CheckboxItem key={f.id} className={item} checked={columns.visible.includes(f)} onCheckedChange={() => columns.toggle(f.key)} onSelect={(e) => e.preventDefault()}>
              <span className="flex size-4 items-center justify-center rounded border border-zinc-300 text-indigo-600">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {f.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

export function CustomFieldHeaders({ columns, sort, onSort }: { columns: CustomColumns; sort: string; onSort: (s: string) => void }) {
  return columns.visible.map((f) => <SortHeader key={f.id} field={`customFields.${f.key}`} label={f.label} sort={sort} onSort={onSort} className="hidden md:table-cell" />);
}

export function CustomFieldCells({ columns, record }: { columns: CustomColumns; record: object }) {
  const values = valuesOf(record);
  return columns.visible.map((f: CustomField) => (
    <Td key={f.id} className="hidden text-zinc-600 md:table-cell">
      {customFieldValue(f, values[f.key]) ?? '—'}
    </Td>
  ));
}
