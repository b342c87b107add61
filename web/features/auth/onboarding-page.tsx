// First organization (or another one, from the user menu): name → slug, then make it active.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Navigate, useNavigate } from 'react-router';
import { z } from 'zod';
import { AuthLayout } from '../../components/full-page';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input } from '../../components/ui/input';
import { ApiError, errorMessage } from '../../lib/api';
import { authClient, unwrap } from '../../lib/auth-client';
import { queryClient } from '../../lib/query-client';
import { slugify } from '../../lib/utils';
import { prefetchAccount } from './session';
import { SignOutButton } from './sign-out';

const OrgSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for your organization').max(100),
  slug: z
    .string()
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(48)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single dashes'),
});

export function OnboardingPage() {
  const navigate = useNavigate();
  const session = authClient.useSession();
  const [formError, setFormError] = useState<string | null>(null);
  // Until the user edits the slug by hand, it follows the name.
  const [slugTouched, setSlugTouched] = useState(false);
  const form = useForm({ resolver: zodResolver(OrgSchema), defaultValues: { name: '', slug: '' } });
  const { errors, isSubmitting } = form.formState;
  const nameField = form.register('name');
  const slugField = form.register('slug');

  if (!session.isPending && !session.data) return <Navigate to="/sign-in?next=/onboarding" replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const org = await unwrap(authClient.organization.create(values));
      await unwrap(authClient.organization.setActive({ organizationId: org.id }));
      await queryClient.resetQueries();
      // The new organization's account is loaded before leaving, so the dashboard (with its
      // first-steps checklist) opens at once rather than behind a full-page spinner.
      await prefetchAccount(queryClient);
      navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && /slug|exists/i.test(e.message)) form.setError('slug', { message: 'This slug is taken; choose another' });
      else setFormError(errorMessage(e));
    }
  });

  return (
    <AuthLayout
      title="Create your organization"
      subtitle="Your contacts, companies and team live in an organization."
      footer={
        <div className="flex items-center gap-3">
          <Link className="text-indigo-700 hover:underline" to="/">
            Back to the app
          </Link>
          <SignOutButton />
        </div>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormError message={formError} />
        <Field label="Organization name" error={errors.name?.message}>
          <Input
            autoFocus
            autoComplete="organization"
            {...nameField}
            onChange={(e) => {
              void nameField.onChange(e);
              if (!slugTouched) form.setValue('slug', slugify(e.target.value), { shouldValidate: form.formState.isSubmitted });
            }}
          />
        </Field>
        <Field label="URL slug" error={errors.slug?.message} hint="Lowercase letters, digits and dashes.">
          <Input
            {...slugField}
            onChange={(e) => {
              setSlugTouched(true);
              void slugField.onChange(e);
            }}
          />
        </Field>
        <Button type="submit" className="w-full" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create organization'}
        </Button>
      </form>
    </AuthLayout>
  );
}
