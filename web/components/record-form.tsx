// Pieces shared by the create / edit record forms (companies, contacts, leads, deals, projects,
// tasks): the dialog that mounts the form only while open, submit with server-error mapping,
// option lists and the Cancel / Save row.
import { useState, type ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useMembers } from '../lib/members';
import { ApiError } from '../lib/api';
import { applyServerErrors } from '../lib/forms';
import { titleCase } from '../lib/utils';
import type { EditConflictState } from './edit-conflict';
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

/**
 * What a record form needs of its custom-field part (`useCustomFieldsForm` in
 * features/custom-fields gives it): the values to send, server errors on `customFields.<key>`
 * put back on their inputs, and a reset to another version of the record.
 */
export interface CustomFieldsPart {
  collect(): { valid: boolean; body: { customFields?: Record<string, string | number | boolean | string[] | null> } };
  /** Places its own errors; returns what is left for the rest of the form (or null). */
  applyServerErrors(e: unknown): unknown;
  reset(next: object): void;
}

type CustomFieldsBody = ReturnType<CustomFieldsPart['collect']>['body'];

type Loaded = Record<string, unknown> & { id: string; version: number };

/**
 * handleSubmit for a record form: clears the form-level error, adds the custom field values (when
 * the record has them), runs `save`, and puts server validation errors on their fields; whatever
 * belongs to no visible field becomes `formError`, shown above the form.
 *
 * Editing a `record`, `save` gets the version the form loaded, to send as If-Match. When someone
 * else saved the record meanwhile (412), nothing is overwritten: `conflict` holds their version for
 * <EditConflict>, whose choices are `reload` (their values into the form, via `onReload`) and
 * `overwrite` (this form's values again, now over their version).
 */
export function useRecordSubmit<TValues extends FieldValues, TOut>(opts: {
  form: UseFormReturn<TValues, unknown, TOut>;
  fields: readonly string[];
  custom?: CustomFieldsPart;
  /** The record being edited, as the form loaded it (absent when creating). */
  record?: Loaded;
  /** Puts a record's values into the form (its defaults for that record). */
  onReload?: (current: Loaded) => void;
  save: (body: TOut & CustomFieldsBody, version?: number) => Promise<void>;
}) {
  const { form, fields, custom, save } = opts;
  const [formError, setFormError] = useState<string | null>(null);
  // The version this form's values are based on: the one it opened with, not whatever the record's
  // query holds now (a background refetch must not turn a stale edit into a blind overwrite).
  const [base, setBase] = useState<Loaded | undefined>(opts.record);
  const [conflict, setConflict] = useState<EditConflictState | null>(null);
  const [overwriting, setOverwriting] = useState(false);

  async function attempt(body: TOut & CustomFieldsBody, over: Loaded | undefined) {
    try {
      await save(body, over?.version);
      setConflict(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412 && e.current && over) {
        setConflict({ current: e.current, loaded: over, mine: body as Record<string, unknown> });
        return;
      }
      if (!custom) {
        setFormError(applyServerErrors(e, form.setError, fields));
        return;
      }
      const rest = custom.applyServerErrors(e);
      setFormError(rest ? applyServerErrors(rest, form.setError, fields) : null);
    }
  }

  const onSubmit = form.handleSubmit(
    async (valid) => {
      setFormError(null);
      let customBody: CustomFieldsBody = {};
      if (custom) {
        const cf = custom.collect();
        if (!cf.valid) return;
        customBody = cf.body;
      }
      await attempt({ ...valid, ...customBody }, base);
    },
    custom ? () => custom.collect() : undefined,
  );

  function reload() {
    if (!conflict) return;
    setBase(conflict.current);
    opts.onReload?.(conflict.current);
    custom?.reset(conflict.current);
    setConflict(null);
    setFormError(null);
  }

  async function overwrite() {
    if (!conflict) return;
    // Over their version on purpose: should a third save land meanwhile, this is refused again.
    setBase(conflict.current);
    setOverwriting(true);
    try {
      await attempt(conflict.mine as TOut & CustomFieldsBody, conflict.current);
    } finally {
      setOverwriting(false);
    }
  }

  return { onSubmit, formError, conflict, reload, overwrite, overwriting };
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
