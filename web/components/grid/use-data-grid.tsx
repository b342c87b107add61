// What a list page needs for its DataGrid: the user's column layout, the Columns menu for its
// toolbar, and the inline save (with its local checks) that the grid calls.
import { toast } from 'sonner';
import { canEdit, useMe } from '../../lib/me';
import type { CrmResource } from '../../lib/resource';
import { ColumnsMenu } from './columns-menu';
import { useGridPrefs } from './grid-prefs';
import type { GridColumn } from './grid-types';
import { useInlineSave } from './inline-save';

export function useDataGrid<T extends { id: string }>(entity: string, resource: CrmResource, columns: GridColumn<T>[]) {
  const me = useMe();
  const [prefs, onPrefs] = useGridPrefs(me.user.id, entity);
  const { save } = useInlineSave(resource);

  function onSave(row: T, col: GridColumn<T>, value: string) {
    const edit = col.edit;
    if (!edit) return;
    let body: Record<string, unknown>;
    let previous: Record<string, unknown>;
    try {
      body = edit.body(value, row);
      previous = edit.body(edit.value(row), row);
    } catch (e) {
      toast.error(`Could not save ${edit.label}: ${e instanceof Error ? e.message : 'invalid value'}`);
      return;
    }
    save(row.id, edit.label, body, previous);
  }

  return {
    entity,
    resource,
    columns,
    prefs,
    onPrefs,
    onSave,
    editable: canEdit(me.role),
    menu: <ColumnsMenu columns={columns} prefs={prefs} onPrefs={onPrefs} />,
  };
}

export type DataGridState<T extends { id: string }> = ReturnType<typeof useDataGrid<T>>;
