// The inputs of a form's custom fields, one control per type: text, textarea, number, money, date,
// checkbox, select, a group of checkboxes for multi-select, URL and email.
import { useId } from 'react';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import type { CustomField } from './custom-fields.queries';
import type { CustomFieldsForm, Draft } from './use-custom-fields-form';

export function CustomFieldInputs({ form }: { form: CustomFieldsForm }) {
  if (form.fields.length === 0) return null;
  return (
    <section aria-labelledby="custom-fields-heading" className="space-y-3 border-t border-zinc-200 pt-4">
      <h3 id="custom-fields-heading" className="text-sm font-semibold text-zinc-900">
        Custom fields
      </h3>
      <div className="grid gap-4 sm:grid-cols-2">
        {form.fields.map((f) => (
          <CustomFieldInput key={f.id} field={f} value={form.valueOf(f)} error={form.errors[f.key]} onChange={(v) => form.setValue(f.key, v)} />
        ))}
      </div>
    </section>
  );
}

interface InputProps {
  field: CustomField;
  value: Draft;
  error?: string;
  onChange: (v: Draft) => void;
}

function CustomFieldInput({ field, value, error, onChange }: InputProps) {
  const hint = field.required ? 'Required' : undefined;
  const text = typeof value === 'string' ? value : '';
  const common = { 'aria-required': field.required || undefined, value: text };
  switch (field.type) {
    case 'boolean':
      return <CheckboxField field={field} checked={value === true} error={error} onChange={onChange} />;
    case 'multi_select':
      return <MultiSelectField field={field} value={Array.isArray(value) ? value : []} error={error} onChange={onChange} />;
    case 'long_text':
      return (
        <Field label={field.label} error={error} hint={hint} className="sm:col-span-2">
          <Textarea rows={3} {...common} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    case 'select':
      return (
        <Field label={field.label} error={error} hint={hint}>
          <Select {...common} onChange={(e) => onChange(e.target.value)}>
            <option value="">—</option>
            {(field.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {text && !(field.options ?? []).includes(text) ? <option value={text}>{text} (no longer an option)</option> : null}
          </Select>
        </Field>
      );
    default: {
      const kind = { number: { type: 'number', inputMode: 'decimal' }, currency: { type: 'text', inputMode: 'decimal' }, date: { type: 'date' }, url: { type: 'url' }, email: { type: 'email' }, text: { type: 'text' } } as const;
      return (
        <Field label={field.label} error={error} hint={hint}>
          <Input {...kind[field.type]} {...common} step={field.type === 'number' ? 'any' : undefined} placeholder={field.type === 'currency' ? '0.00' : field.type === 'url' ? 'https://' : undefined} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    }
  }
}

function CheckboxField({ field, checked, error, onChange }: { field: CustomField; checked: boolean; error?: string; onChange: (v: Draft) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col justify-end">
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input id={id} type="checkbox" className="size-4 accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-invalid={error ? true : undefined} />
        {field.label}
      </label>
      {error ? <p className="mt-1 text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function MultiSelectField({ field, value, error, onChange }: { field: CustomField; value: string[]; error?: string; onChange: (v: Draft) => void }) {
  const errorId = useId();
  return (
    <fieldset className="space-y-1.5 sm:col-span-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-zinc-800">
        {field.label}
        {field.required ? <span className="ml-1 text-xs font-normal text-zinc-500">(required)</span> : null}
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {(field.options ?? []).map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
            />
            {o}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
