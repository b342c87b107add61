// Sign in and sign up. Both honour ?next= so an invitation link survives the detour.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { NewPasswordSchema, PASSWORD_RULE } from '../../../contracts/passwords';
import { AuthLayout } from '../../components/full-page';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { ApiError, errorMessage } from '../../lib/api';
import { authClient, isPasswordRefusal, unwrap } from '../../lib/auth-client';
import { queryClient } from '../../lib/query-client';

/** Only same-site paths: an attacker-made ?next=https://evil must not redirect off the app. */
export function safeNext(value: string | null, fallback: string) {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}

const SignInSchema = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(SignInSchema), defaultValues: { email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await unwrap(authClient.signIn.email(values));
      queryClient.clear();
      navigate(safeNext(next, '/'), { replace: true });
    } catch (e) {
      setFormError(errorMessage(e));
    }
  });

  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back to Meridian CRM."
      footer={
        <>
          New here?{' '}
          <Link className="font-medium text-indigo-700 hover:underline" to={withNext('/sign-up')}>
            Create an account
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" autoFocus {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...form.register('password')} />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </Button>
        <p className="text-center text-sm">
          <Link className="text-indigo-700 hover:underline" to="/forgot-password">
            Forgot your password?
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}

const SignUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100),
  email: z.email('Enter a valid email address'),
  password: NewPasswordSchema,
});

export function SignUpPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(SignUpSchema), defaultValues: { name: '', email: '', password: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await unwrap(authClient.signUp.email(values));
    } catch (e) {
      if (isPasswordRefusal(e)) form.setError('password', { message: errorMessage(e) });
      else setFormError(errorMessage(e));
      return;
    }
    // Sign-up answers the same whether or not the address already had an account (so it tells
    // nobody which addresses exist); signing in with the new password is what succeeds or not.
    try {
      await unwrap(authClient.signIn.email({ email: values.email, password: values.password }));
    } catch (e) {
      setFormError(
        e instanceof ApiError && e.status === 401
          ? 'We could not sign you in with this password. If you already have an account with this email, sign in or reset your password.'
          : errorMessage(e),
      );
      return;
    }
    queryClient.clear();
    // A brand-new account has no organization yet, unless it came to accept an invitation.
    navigate(safeNext(next, '/onboarding'), { replace: true });
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start with your own workspace, or join your team's."
      footer={
        <>
          Already have an account?{' '}
          <Link className="font-medium text-indigo-700 hover:underline" to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field label="Name" error={errors.name?.message}>
          <Input autoComplete="name" autoFocus {...form.register('name')} />
        </Field>
        <Field label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="email" {...form.register('email')} />
        </Field>
        <Field label="Password" error={errors.password?.message} hint={PASSWORD_RULE}>
          <Input type="password" autoComplete="new-password" {...form.register('password')} />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
    </AuthLayout>
  );
}
