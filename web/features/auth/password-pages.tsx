// Forgotten password: ask for a link by email, then choose a new password from that link.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { NewPasswordSchema, PASSWORD_RULE } from '../../../contracts/passwords';
import { AuthLayout } from '../../components/full-page';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { authClient, isPasswordRefusal, unwrap } from '../../lib/auth-client';

const backToSignIn = (
  <Link className="font-medium text-indigo-700 hover:underline" to="/sign-in">
    Back to sign in
  </Link>
);

export function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(z.object({ email: z.email('Enter a valid email address') })), defaultValues: { email: '' } });
  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFormError(null);
    try {
      await unwrap(authClient.requestPasswordReset({ email, redirectTo: `${window.location.origin}/reset-password` }));
      setSent(true);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });
  return (
    <AuthLayout title="Reset your password" subtitle="We'll email you a link to choose a new one." footer={backToSignIn}>
      {sent ? (
        <p role="status" className="text-sm text-zinc-700">
          If an account exists for that address, a reset link is on its way. It works for one hour. No email? This server may not be set up to send any: ask whoever runs Meridian.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={formError} />
          <Field label="Email" error={form.formState.errors.email?.message}>
            <Input type="email" autoComplete="email" autoFocus {...form.register('email')} />
          </Field>
          <Button type="submit" className="w-full" disabled={form.formState.isSubmitting}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}

const ResetSchema = z
  .object({
    newPassword: NewPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.newPassword === v.confirm, { message: 'The passwords do not match', path: ['confirm'] });

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(ResetSchema), defaultValues: { newPassword: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  if (!token || params.get('error')) {
    return (
      <AuthLayout title="This link does not work" footer={backToSignIn}>
        <p className="text-sm text-zinc-700">
          The reset link is invalid or has expired.{' '}
          <Link className="font-medium text-indigo-700 hover:underline" to="/forgot-password">
            Ask for a new one
          </Link>
          .
        </p>
      </AuthLayout>
    );
  }

  const onSubmit = form.handleSubmit(async ({ newPassword }) => {
    setFormError(null);
    try {
      await unwrap(authClient.resetPassword({ newPassword, token }));
      toast.success('Password changed, and every session of your account signed out. Sign in with your new password.');
      navigate('/sign-in', { replace: true });
    } catch (e) {
      if (isPasswordRefusal(e)) form.setError('newPassword', { message: errorMessage(e) });
      else setFormError(errorMessage(e));
    }
  });

  return (
    <AuthLayout title="Choose a new password" footer={backToSignIn}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field label="New password" error={errors.newPassword?.message} hint={PASSWORD_RULE}>
          <Input type="password" autoComplete="new-password" autoFocus {...form.register('newPassword')} />
        </Field>
        <Field label="Confirm new password" error={errors.confirm?.message}>
          <Input type="password" autoComplete="new-password" {...form.register('confirm')} />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          Change password
        </Button>
      </form>
    </AuthLayout>
  );
}
