// Adds a stage at the end of a pipeline, validated with the contract's StageInputSchema.
import { zodResolver } from '@hookform/resolvers/zod';
import { Plus } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { STAGE_KINDS, StageInputSchema } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/forms';
import { titleCase } from '../../lib/utils';
import { useAddStage } from './pipelines.queries';

const AddStageSchema = z
  .object({ name: z.string(), probability: z.string().regex(/^\d{1,3}$/, 'must be 0–100'), kind: z.enum(STAGE_KINDS), staleAfterDays: z.string().regex(/^(\d{1,4})?$/, 'must be a number of days'), rottingDays: z.string().regex(/^(\d{1,4})?$/, 'must be a number of days') })
  .transform((v): z.input<typeof StageInputSchema> => ({ name: v.name, probability: Number(v.probability), kind: v.kind, staleAfterDays: v.staleAfterDays ? Number(v.staleAfterDays) : null, rottingDays: v.rottingDays ? Number(v.rottingDays) : null }))
  .pipe(StageInputSchema);
type AddStageValues = z.input<typeof AddStageSchema>;

export function AddStageForm({ pipelineId }: { pipelineId: string }) {
  const add = useAddStage();
  const form = useForm<AddStageValues, unknown, z.output<typeof AddStageSchema>>({
    resolver: zodResolver(AddStageSchema),
    defaultValues: { name: '', probability: '50', kind: 'open', staleAfterDays: '', rottingDays: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (stage) => {
    try {
      await add.mutateAsync({ id: pipelineId, stage });
      toast.success(`Stage ${stage.name} added`);
      form.reset();
    } catch (e) {
      const message = applyServerErrors(e, form.setError, ['name', 'probability', 'kind', 'staleAfterDays', 'rottingDays']);
      if (message) toast.error(message);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a stage" className="grid items-start gap-3 border-t border-zinc-200 p-4 grid-cols-2 sm:grid-cols-[1fr_7rem_8rem_6rem_6rem_auto]">
      <Field label="New stage name" error={errors.name?.message} className="col-span-2 sm:col-span-1">
        <Input autoComplete="off" {...form.register('name')} />
      </Field>
      <Field label="Probability %" error={errors.probability?.message}>
        <Input type="number" min={0} max={100} {...form.register('probability')} />
      </Field>
      <Field label="Kind" error={errors.kind?.message}>
        <Select {...form.register('kind')}>
          {STAGE_KINDS.map((k) => <option key={k} value={k}>{titleCase(k)}</option>)}
        </Select>
      </Field>
      <Field label="Stale days" error={errors.staleAfterDays?.message}>
        <Input type="number" min={1} {...form.register('staleAfterDays')} />
      </Field>
      <Field label="Rotting days" error={errors.rottingDays?.message}>
        <Input type="number" min={1} {...form.register('rottingDays')} />
      </Field>
      <Button type="submit" className="col-span-2 sm:col-span-1 sm:mt-6" disabled={isSubmitting}>
        <Plus aria-hidden="true" /> Add stage
      </Button>
    </form>
  );
}
