// Change your own password (Settings → Account). The server checks the rule, refuses weak
// passwords with a message saying why, and signs out every other session of the account.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { NewPasswordSchema, PASSWORD_RULE } from '../../../contracts/passwords';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { Card } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { authClient, isPasswordRefusal, unwrap } from '../../lib/auth-client';

const ChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: NewPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { message: 'The passwords do not match', path: ['confirm'] });

export function ChangePasswordCard() {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(ChangeSchema), defaultValues: { currentPassword: '', newPassword: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setFormError(null);
    try {
      await unwrap(authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true }));
      form.reset();
      toast.success('Password changed. Your other sessions were signed out.');
    } catch (e) {
      if (isPasswordRefusal(e)) form.setError('newPassword', { message: errorMessage(e) });
      else if (e instanceof ApiError && e.code === 'INVALID_PASSWORD') form.setError('currentPassword', { message: 'This is not your current password' });
      else setFormError(errorMessage(e));
    }
  });

  return (
    <Card className="p-6" aria-labelledby="change-password">
      <h2 id="change-password" className="mb-4 text-base font-semibold">Change password</h2>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field label="Current password" error={errors.currentPassword?.message}>
          <Input type="password" autoComplete="current-password" {...form.register('currentPassword')} />
        </Field>
        <Field label="New password" error={errors.newPassword?.message} hint={PASSWORD_RULE}>
          <Input type="password" autoComplete="new-password" {...form.register('newPassword')} />
        </Field>
        <Field label="Confirm new password" error={errors.confirm?.message}>
          <Input type="password" autoComplete="new-password" {...form.register('confirm')} />
        </Field>
        <p className="text-xs text-zinc-500">Changing it signs you out on every other device and browser.</p>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Changing…' : 'Change password'}
        </Button>
      </form>
    </Card>
  );
}
