// Convert a lead: preview what the server will match or create (company by email domain then by
// name, contact by email), then one POST creates company + contact + deal (+ follow-up task).
import { zodResolver } from '@hookform/resolvers/zod';
import { Building2, CheckSquare, Handshake, UserRound } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Lead } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/forms';
import { useCompanies } from '../companies/companies.queries';
import { useContacts } from '../contacts/contacts.queries';
import { AMOUNT_TEXT } from '../deals/deal-quick-edit';
import { usePipelines } from '../deals/deals.queries';
import { FREEMAIL, useConvertLead, type LeadConvert } from './leads.queries';

const ConvertSchema = z
  .object({
    dealName: z.string().trim().min(1, 'Deal name is required').max(200), amount: AMOUNT_TEXT, pipelineId: z.string(),
    withTask: z.boolean(), taskTitle: z.string().trim().max(300), taskDue: z.string(),
  })
  .superRefine((v, ctx) => {
    if (!v.withTask) return;
    if (!v.taskTitle) ctx.addIssue({ code: 'custom', path: ['taskTitle'], message: 'Task title is required' });
    if (!v.taskDue) ctx.addIssue({ code: 'custom', path: ['taskDue'], message: 'Choose a due date' });
  })
  .transform((v): LeadConvert => ({
    dealName: v.dealName, ...(v.amount ? { amount: v.amount } : {}), ...(v.pipelineId ? { pipelineId: v.pipelineId } : {}),
    // The due date is a day; the task falls due at 9:00 local time that day.
    // The server makes a follow-up task unless told not to: unticked sends createTask: false.
    createTask: v.withTask ? { title: v.taskTitle, dueAt: new Date(`${v.taskDue}T09:00:00`).toISOString() } : false,
  }));
type ConvertValues = z.input<typeof ConvertSchema>;

export function ConvertLeadDialog({ open, onOpenChange, lead }: { open: boolean; onOpenChange: (o: boolean) => void; lead: Lead }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Convert lead" description="Creates the records below in one step; existing ones are linked instead." className="max-w-xl">
      {open ? <ConvertForm lead={lead} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function Preview({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <li className="flex items-start gap-2 text-sm">
      <span className="mt-0.5 text-zinc-400 [&_svg]:size-4">{icon}</span>
      <span>{children}</span>
    </li>
  );
}

/** Two days out, as the server's default follow-up (leads.service.ts). */
function inTwoDays() {
  const d = new Date(Date.now() + 2 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function ConvertForm({ lead, onDone }: { lead: Lead; onDone: () => void }) {
  const navigate = useNavigate();
  const convert = useConvertLead();
  const pipelines = usePipelines();
  const [formError, setFormError] = useState<string | null>(null);
  const domain = lead.email?.split('@')[1]?.toLowerCase();
  const companyDomain = domain && !FREEMAIL.has(domain) ? domain : undefined;
  const byDomain = useCompanies({ limit: 1, filter: { domain: companyDomain } }, { enabled: Boolean(companyDomain) });
  const byName = useCompanies({ limit: 20, q: lead.companyName ?? undefined }, { enabled: Boolean(lead.companyName) });
  const contactMatch = useContacts({ limit: 1, filter: { email: lead.email } }, { enabled: Boolean(lead.email) });
  const existingCompany = byDomain.data?.data[0] ?? byName.data?.data.find((c) => c.name.toLowerCase() === lead.companyName?.trim().toLowerCase());
  const newCompanyName = lead.companyName?.trim() || companyDomain;
  const companyLabel = existingCompany?.name ?? newCompanyName;
  const existingContact = contactMatch.data?.data[0];
  const checking = byDomain.isFetching || byName.isFetching || contactMatch.isFetching;

  const form = useForm<ConvertValues, unknown, LeadConvert>({
    resolver: zodResolver(ConvertSchema),
    defaultValues: { dealName: `${lead.companyName?.trim() || lead.fullName || 'New'} deal`, amount: '', pipelineId: '', withTask: true, taskTitle: `Follow up with ${lead.fullName || lead.email || 'the lead'}`, taskDue: inTwoDays() },
  });
  const { errors, isSubmitting } = form.formState;
  const withTask = form.watch('withTask');
  const onSubmit = form.handleSubmit(async (body) => {
    setFormError(null);
    try {
      const result = await convert.mutateAsync({ id: lead.id, body });
      toast.success(`Converted: deal ${result.deal.name} created`);
      onDone();
      navigate(`/deals/${result.deal.id}`);
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError, ['dealName', 'amount', 'pipelineId']));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={formError} />
      <section aria-label="What will happen" aria-busy={checking} className="rounded-md border border-zinc-200 bg-zinc-50 p-3">
        <ul className="space-y-2">
          <Preview icon={<Building2 aria-hidden="true" />}>
            {existingCompany ? <>Company: links to existing <strong>{existingCompany.name}</strong></> : newCompanyName ? <>Company: creates company <strong>{newCompanyName}</strong></> : <>No company (the lead has none)</>}
          </Preview>
          <Preview icon={<UserRound aria-hidden="true" />}>
            {existingContact ? <>Contact: links to existing <strong>{existingContact.fullName || existingContact.email}</strong></> : <>Contact: creates contact <strong>{lead.fullName || lead.email}</strong>{companyLabel ? <> at {companyLabel}</> : null}</>}
          </Preview>
          <Preview icon={<Handshake aria-hidden="true" />}>Deal: creates the deal named below</Preview>
          {withTask ? <Preview icon={<CheckSquare aria-hidden="true" />}>Task: creates a follow-up task</Preview> : null}
        </ul>
      </section>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Deal name" error={errors.dealName?.message} className="sm:col-span-2">
          <Input autoFocus {...form.register('dealName')} />
        </Field>
        <Field label="Amount" error={errors.amount?.message}>
          <Input autoComplete="off" placeholder="e.g. 20k or 7,500" {...form.register('amount')} />
        </Field>
        <Field label="Pipeline" error={errors.pipelineId?.message}>
          <Select {...form.register('pipelineId')}>
            <option value="">Default pipeline</option>
            {pipelines.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600" {...form.register('withTask')} />
        Create a follow-up task
      </label>
      {withTask ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Task title" error={errors.taskTitle?.message}>
            <Input {...form.register('taskTitle')} />
          </Field>
          <Field label="Due date" error={errors.taskDue?.message}>
            <Input type="date" {...form.register('taskDue')} />
          </Field>
        </div>
      ) : null}
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Converting…' : 'Convert lead'}
        </Button>
      </div>
    </form>
  );
}
