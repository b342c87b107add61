// Invite by email with a role; the link is shown to copy, since many self-hosted servers have no SMTP.
import { zodResolver } from '@hookform/resolvers/zod';
import { MailPlus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import type { Invitation } from '../../../contracts/members';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { Card, CopyButton, Table, Td, Th } from '../../components/ui/misc';
import { errorMessage } from '../../lib/api';
import { formatDate, titleCase } from '../../lib/utils';
import { useInvitations, useInvite } from './settings.queries';

export const INVITE_ROLES = ['admin', 'member', 'viewer'] as const;
const InviteSchema = z.object({ email: z.email('Enter a valid email address'), role: z.enum(INVITE_ROLES) });

/** A read-only link with a copy button (invitation and password-reset links). */
export function LinkField({ url, label }: { url: string; label: string }) {
  return (
    <div className="flex items-center gap-2">
      <Input readOnly value={url} aria-label={label} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
      <CopyButton value={url} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}

export function InviteSection({ emailEnabled }: { emailEnabled: boolean }) {
  const invite = useInvite();
  const invitations = useInvitations(true);
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<Invitation | null>(null);
  const form = useForm({ resolver: zodResolver(InviteSchema), defaultValues: { email: '', role: 'member' as const } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const invitation = await invite.mutateAsync(values);
      form.reset({ email: '', role: values.role });
      if (invitation) setSent(invitation);
      else toast.success(`Invitation sent to ${values.email}`);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  return (
    <Card className="p-6" aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="text-base font-semibold">Invite people</h2>
      <p className="mt-1 text-sm text-zinc-500">
        {emailEnabled ? 'They get an email with a link; you can also copy the link below.' : 'Email is not set up on this server: copy the invitation link and send it yourself.'}
      </p>
      <form onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
        <Field label="Email" error={errors.email?.message} className="flex-1">
          <Input type="email" autoComplete="off" {...form.register('email')} />
        </Field>
        <Field label="Role" error={errors.role?.message} className="sm:w-40">
          <Select {...form.register('role')}>
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {titleCase(r)}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={isSubmitting} className="sm:mt-6">
          <MailPlus aria-hidden="true" /> {isSubmitting ? 'Inviting…' : 'Send invitation'}
        </Button>
      </form>
      <div className="mt-3">
        <FormError message={formError} />
      </div>

      <h3 className="mb-2 mt-6 text-sm font-semibold">Pending invitations</h3>
      {invitations.isError ? (
        <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />
      ) : invitations.data?.length ? (
        <Table aria-label="Pending invitations">
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th className="hidden sm:table-cell">Expires</Th>
              <Th>Link</Th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.map((i) => (
              <tr key={i.id}>
                <Td>{i.email}</Td>
                <Td>{titleCase(i.role ?? 'member')}</Td>
                <Td className="hidden text-zinc-500 sm:table-cell">{formatDate(i.expiresAt)}</Td>
                <Td>
                  <CopyButton value={i.url} label={`Copy invitation link for ${i.email}`} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p className="text-sm text-zinc-500">{invitations.isPending ? 'Loading…' : 'No pending invitations.'}</p>
      )}

      <Dialog open={sent !== null} onOpenChange={(o) => !o && setSent(null)} title="Invitation created" description={sent ? `Send this link to ${sent.email}. It works for 7 days.` : undefined}>
        {sent ? <LinkField url={sent.url} label="Invitation link" /> : null}
        <div className="mt-6 flex justify-end">
          <Button onClick={() => setSent(null)}>Done</Button>
        </div>
      </Dialog>
    </Card>
  );
}
