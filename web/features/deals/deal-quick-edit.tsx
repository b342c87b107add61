// A small popover on a board card to change the amount, expected close date and owner in place.
import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { AmountTextSchema } from '../../../contracts/money';
import type { Member } from '../../../contracts/members';
import type { Deal } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { applyServerErrors, blankToNull } from '../../lib/forms';
import { useUpdateDeal, type DealUpdate } from './deals.queries';

/** Amounts as people type them ("20k", "$7,500", "1.2m"): the one parser in contracts/money.ts. */
export const AMOUNT_TEXT = AmountTextSchema;
const QuickSchema = z
  .object({ amount: AMOUNT_TEXT, expectedCloseDate: z.string(), ownerId: z.string() })
  .transform((v): DealUpdate => ({ amount: blankToNull(v.amount), expectedCloseDate: blankToNull(v.expectedCloseDate), ownerId: blankToNull(v.ownerId) }));
type QuickValues = z.input<typeof QuickSchema>;
const FIELDS = ['amount', 'expectedCloseDate', 'ownerId'] as const;

export function DealQuickEdit({ deal, members }: { deal: Deal; members: Member[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button variant="ghost" size="icon" className="size-7 shrink-0" aria-label={`Edit amount, close date and owner of ${deal.name}`}>
          <Pencil aria-hidden="true" />
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={4} className="z-50 w-72 rounded-md border border-zinc-200 bg-white p-4 shadow-lg" aria-label={`Edit ${deal.name}`}>
          {open ? <QuickForm deal={deal} members={members} onDone={() => setOpen(false)} /> : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function QuickForm({ deal, members, onDone }: { deal: Deal; members: Member[]; onDone: () => void }) {
  const update = useUpdateDeal();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<QuickValues, unknown, z.output<typeof QuickSchema>>({
    resolver: zodResolver(QuickSchema),
    defaultValues: { amount: deal.amount ?? '', expectedCloseDate: deal.expectedCloseDate ?? '', ownerId: deal.ownerId ?? '' },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      await update.mutateAsync({ id: deal.id, body });
      toast.success(`${deal.name} saved`);
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError, FIELDS));
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormError message={formError} />
      <Field label={`Amount (${deal.currency})`} error={errors.amount?.message}>
        <Input autoFocus autoComplete="off" placeholder="e.g. 20k" {...form.register('amount')} />
      </Field>
      <Field label="Expected close date" error={errors.expectedCloseDate?.message}>
        <Input type="date" {...form.register('expectedCloseDate')} />
      </Field>
      <Field label="Owner" error={errors.ownerId?.message}>
        <Select {...form.register('ownerId')}>
          <option value="">No owner</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
