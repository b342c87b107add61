// Pieces shared by the create / edit record forms (companies, contacts, leads, deals, projects,
// tasks): the dialog that mounts the form only while open, submit with server-error mapping,
// option lists and the Cancel / Save row.
import { useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { CustomFieldsForm } from '../features/custom-fields/use-custom-fields-form';
import { useMembers } from '../features/settings/settings.queries';
import { applyServerErrors } from '../lib/forms';
import { titleCase } from '../lib/utils';
import { Button } from './ui/button';
import { Dialog } from './ui/dialog';

interface RecordFormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The form, given the callback that closes the dialog. */
  children: (onDone: () => void) => ReactNode;
}

/** A wide dialog whose form is mounted only while open, so each opening starts from fresh values. */
export function RecordFormDialog({ open, onOpenChange, title, children }: RecordFormDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} className="max-w-2xl">
      {open ? children(() => onOpenChange(false)) : null}
    </Dialog>
  );
}

type CustomFieldsBody = ReturnType<CustomFieldsForm['collect']>['body'];

/**
 * handleSubmit for a record form: clears the form-level error, adds the custom field values (when
 * the record has them), runs `save`, and puts server validation errors on their fields; whatever
 * belongs to no visible field becomes `formError`, shown above the form.
 */
export function useRecordSubmit<TValues extends FieldValues, TOut>(opts: {
  form: UseFormReturn<TValues, unknown, TOut>;
  fields: readonly string[];
  custom?: CustomFieldsForm;
  save: (body: TOut & CustomFieldsBody) => Promise<void>;
}) {
  const { form, fields, custom, save } = opts;
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(
    async (valid) => {
      setFormError(null);
      let customBody: CustomFieldsBody = {};
      if (custom) {
        const cf = custom.collect();
        if (!cf.valid) return;
        customBody = cf.body;
      }
      try {
        await save({ ...valid, ...customBody });
      } catch (e) {
        if (!custom) {
          setFormError(applyServerErrors(e, form.setError, fields));
          return;
        }
        const rest = custom.applyServerErrors(e);
        setFormError(rest ? applyServerErrors(rest, form.setError, fields) : null);
      }
    },
    custom ? () => custom.collect() : undefined,
  );
  return { onSubmit, formError };
}

/** One <option> per value, labelled by `label` (title case by default). */
export function Options<T extends string>({ values, label = titleCase }: { values: readonly T[]; label?: (value: T) => ReactNode }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}

/** "Nobody"-style empty choice followed by the organization's members, for owner / assignee selects. */
export function MemberOptions({ none }: { none: string }) {
  const members = useMembers({ fresh: true });
  return (
    <>
      <option value="">{none}</option>
      {members.data?.map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.name}
        </option>
      ))}
    </>
  );
}

/** Cancel and submit at the bottom of a record form. */
export function FormActions({ onCancel, submitting, submitLabel }: { onCancel: () => void; submitting: boolean; submitLabel: string }) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={submitting}>
        {submitting ? 'Saving…' : submitLabel}
      </Button>
    </div>
  );
}
