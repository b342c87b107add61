// The "Tags" field every record form has: the tag input wired to the form's `tags` value.
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { Field } from '../../components/ui/field';
import { TagInput } from './tag-input';

export function TagsField<T extends FieldValues, C, O extends FieldValues>({ control, error, className }: { control: Control<T, C, O>; error?: string; className?: string }) {
  return (
    <Controller<T, FieldPath<T>, O>
      control={control}
      name={'tags' as FieldPath<T>}
      render={({ field }) => (
        <Field label="Tags" error={error} hint="Pick a tag or type a new one and press Enter." className={className}>
          <TagInput value={field.value} onChange={field.onChange} />
        </Field>
      )}
    />
  );
}
