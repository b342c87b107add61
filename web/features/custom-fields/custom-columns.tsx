// Custom fields as list columns: one per active field, hidden until the user shows it in the
// Columns menu (remembered with the rest of the layout), sortable as sort=customFields.<key>.
import { useMemo } from 'react';
import type { GridColumn } from '../../components/grid/grid-types';
import { customFieldValue } from './custom-field-values';
import { useCustomFields, valuesOf, type FieldEntity } from './custom-fields.queries';

export function useCustomFieldColumns<T extends object>(entity: FieldEntity): GridColumn<T>[] {
  const { data } = useCustomFields(entity);
  return useMemo(
    () =>
      (data ?? []).filter((f) => !f.archivedAt).map((f) => ({
        id: `cf:${f.key}`,
        header: f.label,
        sort: `customFields.${f.key}`,
        size: 150,
        hidden: true,
        cell: (row: T) => customFieldValue(f, valuesOf(row)[f.key]) ?? '—',
      })),
    [data],
  );
}
