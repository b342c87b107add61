// Add a custom field (label, type, required, options) or edit one (label, required, options; the
// key and the type never change once values may exist).
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { ApiError, errorMessage } from '../../lib/api';
import { FIELD_TYPES, hasOptions, TYPE_LABELS, useCreateField, useUpdateField, type CustomField, type FieldEntity, type FieldType } from './custom-fields.queries';
import { OptionsEditor } from './options-editor';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  entity: FieldEntity;
  /** Edit this field; without it the dialog defines a new one. */
  field?: CustomField;
}

export function FieldDialog({ open, onOpenChange, entity, field }: Props) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={field ? `Edit ${field.label}` : `New ${entity} field`}>
      {open ? <FieldForm entity={entity} field={field} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function FieldForm({ entity, field, onDone }: { entity: FieldEntity; field?: CustomField; onDone: () => void }) {
  const create = useCreateField();
  const update = useUpdateField();
  const [label, setLabel] = useState(field?.label ?? '');
  const [type, setType] = useState<FieldType>(field?.type ?? 'text');
  const [required, setRequired] = useState(field?.required ?? false);
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!label.trim()) found.label = 'Label is required';
    if (hasOptions(type) && options.length === 0) found.options = 'Add at least one option';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length) return;
    try {
      if (field) {
        await update.mutateAsync({ id: field.id, body: { label: label.trim(), required, ...(hasOptions(type) ? { options } : {}) } });
        toast.success(`${label.trim()} saved`);
      } else {
        await create.mutateAsync({ entity, label: label.trim(), type, required, ...(hasOptions(type) ? { options } : {}) });
        toast.success(`Field ${label.trim()} added`);
      }
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.details.length) {
        const placed = Object.fromEntries(err.details.map((d) => [d.path.split('.')[0] ?? '', d.message]));
        setErrors(placed);
        if (!err.details.some((d) => ['label', 'type', 'options', 'key', 'required'].includes(d.path.split('.')[0] ?? ''))) setFormError(err.message);
      } else setFormError(errorMessage(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <Field label="Label" error={errors.label ?? errors.key} hint={field ? `Key: ${field.key} (fixed)` : 'The key used by the API and exports is made from the label.'}>
        <Input autoFocus autoComplete="off" value={label} onChange={(e) => setLabel(e.target.value)} />
      </Field>
      <Field label="Type" error={errors.type} hint={field ? 'The type of an existing field cannot change.' : undefined}>
        <Select value={type} disabled={Boolean(field)} onChange={(e) => setType(e.target.value as FieldType)}>
          {FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {hasOptions(type) ? (
        <Field label="Options" error={errors.options}>
          <OptionsEditor value={options} onChange={setOptions} invalid={Boolean(errors.options)} />
        </Field>
      ) : null}
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={required} onChange={(e) => setRequired(e.target.checked)} />
        Required
      </label>
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : field ? 'Save field' : 'Add field'}
        </Button>
      </div>
    </form>
  );
}
