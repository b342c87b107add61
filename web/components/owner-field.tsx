// The Owner (or Assignee) select of record forms. Controlled, so a default of "me" shows as soon as
// the members list arrives (an uncontrolled select mounted before its options would show "No owner"
// while the form still holds the default). New records default to the signed-in user.
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useMe } from '../lib/me';
import { useMembers } from '../lib/members';
import { Field } from './ui/field';
import { Select } from './ui/input';

interface OwnerFieldProps<T extends FieldValues, C, O extends FieldValues> {
  control: Control<T, C, O>;
  name: FieldPath<T>;
  label?: string;
  none?: string;
  error?: string;
  className?: string;
}

export function OwnerField<T extends FieldValues, C, O extends FieldValues>({ control, name, label = 'Owner', none = 'No owner', error, className }: OwnerFieldProps<T, C, O>) {
  const members = useMembers();
  const me = useMe();
  return (
    <Controller<T, FieldPath<T>, O>
      control={control}
      name={name}
      render={({ field }) => (
        <Field label={label} error={error} className={className}>
          <Select name={field.name} ref={field.ref} value={(field.value as string | null) ?? ''} onChange={(e) => field.onChange(e.target.value)} onBlur={field.onBlur}>
            <option value="">{none}</option>
            {/* Until the list loads, the signed-in user is the one member we know. */}
            {(members.data ?? [{ userId: me.user.id, name: me.user.name }]).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.userId === me.user.id ? `${m.name} (me)` : m.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
    />
  );
}
