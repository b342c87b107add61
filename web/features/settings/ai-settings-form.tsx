// The provider / model / key / base URL form, shared by the organization's AI settings and a
// member's personal override. The key is write-only: blank keeps the stored one.
import { zodResolver } from '@hookform/resolvers/zod';
import { CircleAlert, CircleCheck, PlugZap } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { toast } from 'sonner';
import { z } from 'zod';
import { AI_PROVIDERS, DEFAULT_THINKING_BUDGET, MAX_THINKING_BUDGET, MIN_THINKING_BUDGET, thinkingSupported, type AiSettingsInput } from '../../../contracts/assistant';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { applyServerErrors } from '../../lib/forms';
import { useSaveAi, useTestAi, type AiProvider, type AiSettings } from '../assistant/assistant.queries';

const PROVIDER_NAMES: Record<AiProvider, string> = {
  offline: 'Offline command model (no AI provider)',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  google: 'Google',
  'openai-compatible': 'OpenAI-compatible (Ollama, vLLM, LM Studio…)',
};
const PROVIDER_ORDER: AiProvider[] = ['offline', 'anthropic', 'openai', 'google', 'openai-compatible'];
const MODEL_DEFAULTS: Record<AiProvider, string> = {
  offline: '',
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-4.1-mini',
  google: 'gemini-2.5-flash',
  'openai-compatible': 'llama3.1',
};

const FormSchema = z
  .object({
    provider: z.enum(AI_PROVIDERS),
    model: z.string().trim().max(200),
    apiKey: z.string().trim().max(500),
    baseUrl: z.string().trim().max(500),
    removeKey: z.boolean(),
    thinking: z.boolean(),
    thinkingBudget: z
      .number({ error: 'Enter a number of tokens' })
      .int('Enter a whole number of tokens')
      .min(MIN_THINKING_BUDGET, `At least ${MIN_THINKING_BUDGET} tokens`)
      .max(MAX_THINKING_BUDGET, `At most ${MAX_THINKING_BUDGET} tokens`),
  })
  .superRefine((v, ctx) => {
    if (v.provider === 'openai-compatible' && !v.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'An OpenAI-compatible server needs its base URL' });
    if (v.baseUrl && !z.url().safeParse(v.baseUrl).success) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'Enter a URL like http://localhost:11434/v1' });
  });
type FormValues = z.infer<typeof FormSchema>;
const FIELDS = ['provider', 'model', 'apiKey', 'baseUrl', 'thinking', 'thinkingBudget'] as const;

function toBody(v: FormValues, baseUrlEditable: boolean): AiSettingsInput {
  const offline = v.provider === 'offline';
  const canThink = thinkingSupported(v.provider, v.model || MODEL_DEFAULTS[v.provider]);
  return {
    thinking: canThink && v.thinking,
    thinkingBudget: canThink && v.thinking ? v.thinkingBudget : undefined,
    provider: v.provider,
    model: offline || !v.model ? undefined : v.model,
    apiKey: offline ? undefined : v.removeKey ? null : v.apiKey || undefined,
    // Members and viewers never send a base URL: the server uses the organization's.
    baseUrl: !baseUrlEditable ? undefined : offline || !v.baseUrl ? null : v.baseUrl,
  };
}

interface AiSettingsFormProps {
  scope: 'organization' | 'user';
  /** What is stored for this scope (its key masked); null when nothing is. */
  stored: AiSettings | null;
  /** The provider preselected when nothing is stored (e.g. the organization's, for a personal override). */
  initialProvider?: AiProvider;
  saveLabel: string;
  /** Only admins choose a base URL (the server refuses it from others). */
  baseUrlEditable?: boolean;
  /** The organization's base URL for `initialProvider`, which a member's override uses. */
  inheritedBaseUrl?: string | null;
  onSaved?: () => void;
  extraActions?: ReactNode;
}

export function AiSettingsForm({ scope, stored, initialProvider, saveLabel, baseUrlEditable = true, inheritedBaseUrl = null, onSaved, extraActions }: AiSettingsFormProps) {
  const save = useSaveAi(scope);
  const test = useTestAi(scope);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(FormSchema),
    defaultValues: {
      provider: stored?.provider ?? initialProvider ?? 'offline',
      model: stored && stored.model !== MODEL_DEFAULTS[stored.provider] && stored.provider !== 'offline' ? stored.model : '',
      apiKey: '',
      baseUrl: stored?.baseUrl ?? '',
      removeKey: false,
      thinking: stored?.thinking ?? false,
      thinkingBudget: stored?.thinkingBudget ?? DEFAULT_THINKING_BUDGET,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const provider = form.watch('provider');
  const removeKey = form.watch('removeKey');
  const model = form.watch('model');
  const thinking = form.watch('thinking');
  const canThink = thinkingSupported(provider, model || MODEL_DEFAULTS[provider]);
  const thinkingId = `ai-${scope}-thinking`;
  // A stored key belongs to the provider it was saved with; it does not carry over.
  const storedKey = stored && stored.provider === provider ? stored.apiKey : null;
  const removeId = `ai-${scope}-remove-key`;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const saved = await save.mutateAsync(toBody(values, baseUrlEditable));
      toast.success(`Saved: ${saved.label}`);
      form.reset({ ...values, apiKey: '', removeKey: false });
      onSaved?.();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError, FIELDS));
    }
  });

  const runTest = form.handleSubmit((values) => {
    setFormError(null);
    const { apiKey, ...rest } = toBody(values, baseUrlEditable);
    // Blank key: test with the stored one (the server fills it in).
    test.mutate(apiKey === undefined ? rest : { ...rest, apiKey }, { onError: (e) => setFormError(applyServerErrors(e, form.setError, FIELDS)) });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={scope === 'organization' ? 'Organization AI settings' : 'Your AI settings'}>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Provider" error={errors.provider?.message}>
          <Select
            {...form.register('provider', {
              onChange: () => {
                form.setValue('model', '');
                form.setValue('apiKey', '');
                form.setValue('removeKey', false);
                test.reset();
              },
            })}
          >
            {PROVIDER_ORDER.map((p) => (
              <option key={p} value={p}>
                {PROVIDER_NAMES[p]}
              </option>
            ))}
          </Select>
        </Field>
        {provider !== 'offline' ? (
          <Field label="Model" error={errors.model?.message} hint={`Leave blank for ${MODEL_DEFAULTS[provider]}.`}>
            <Input autoComplete="off" placeholder={MODEL_DEFAULTS[provider]} {...form.register('model')} />
          </Field>
        ) : null}
        {provider !== 'offline' ? (
          <Field
            label="API key"
            error={errors.apiKey?.message}
            hint={storedKey ? `A key ending ${storedKey.replace(/•/g, '')} is stored. Leave blank to keep it.` : provider === 'openai-compatible' ? 'Only if your server asks for one.' : 'Stored encrypted; never shown again.'}
          >
            <Input type="password" autoComplete="new-password" placeholder={storedKey ?? ''} disabled={removeKey} {...form.register('apiKey')} />
          </Field>
        ) : null}
        {provider !== 'offline' && !baseUrlEditable ? (
          <p className="text-sm text-zinc-600 sm:col-span-2">
            Calls go to {(stored?.provider === provider && stored.baseUrl) || (provider === initialProvider && inheritedBaseUrl) ? <code className="break-all">{(stored?.provider === provider && stored.baseUrl) || inheritedBaseUrl}</code> : provider === 'openai-compatible' ? "the organization's server" : `${PROVIDER_NAMES[provider]}'s own API`}. Only admins choose a base URL.
          </p>
        ) : null}
        {provider !== 'offline' && baseUrlEditable ? (
          <Field
            label={provider === 'openai-compatible' ? 'Base URL' : 'Base URL (optional)'}
            error={errors.baseUrl?.message}
            hint={provider === 'openai-compatible' ? 'e.g. http://localhost:11434/v1 for Ollama' : 'Only for a proxy or gateway in front of the provider.'}
          >
            <Input type="url" autoComplete="off" placeholder={provider === 'openai-compatible' ? 'http://localhost:11434/v1' : ''} {...form.register('baseUrl')} />
          </Field>
        ) : null}
      </div>
      {storedKey && provider !== 'offline' ? (
        <label htmlFor={removeId} className="flex items-center gap-2 text-sm text-zinc-700">
          <input id={removeId} type="checkbox" className="size-4 accent-indigo-600" {...form.register('removeKey')} />
          Remove the stored key ({storedKey}) when saving
        </label>
      ) : null}
      {provider !== 'offline' ? (
        <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3">
          <legend className="px-1 text-sm font-medium text-zinc-900">Extended thinking</legend>
          <label htmlFor={thinkingId} className={`flex items-start gap-2 text-sm ${canThink ? 'text-zinc-700' : 'text-zinc-500'}`}>
            <input id={thinkingId} type="checkbox" className="mt-0.5 size-4 shrink-0 accent-indigo-600" disabled={!canThink} aria-describedby={`${thinkingId}-hint`} {...form.register('thinking')} />
            <span>Let Claude think before it answers (shown in the chat as a collapsed “Thinking” block; thinking tokens are billed as output)</span>
          </label>
          <p id={`${thinkingId}-hint`} className="text-xs text-zinc-500">
            {canThink
              ? 'Only the person chatting sees the thinking of their replies.'
              : 'Not available for this provider and model: extended thinking needs an Anthropic model that supports it (Claude 3.7 Sonnet, Sonnet 4, Opus 4, Haiku 4.5).'}
          </p>
          {canThink && thinking ? (
            <Field label="Thinking budget (tokens)" error={errors.thinkingBudget?.message ?? errors.thinking?.message} hint={`${MIN_THINKING_BUDGET}–${MAX_THINKING_BUDGET}; ${DEFAULT_THINKING_BUDGET} by default. More thinks longer and costs more.`}>
              <Input type="number" inputMode="numeric" min={MIN_THINKING_BUDGET} max={MAX_THINKING_BUDGET} step={256} className="sm:max-w-48" {...form.register('thinkingBudget', { valueAsNumber: true })} />
            </Field>
          ) : errors.thinking?.message ? (
            <p className="text-sm text-red-700">{errors.thinking.message}</p>
          ) : null}
        </fieldset>
      ) : null}
      {provider === 'offline' ? (
        <p className="text-sm text-zinc-600">The offline command model runs on this server without any key. It follows short commands such as “add contact …” or “show contacts at …”.</p>
      ) : null}

      {test.data ? (
        <div
          role="status"
          className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${test.data.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-red-200 bg-red-50 text-red-700'}`}
        >
          {test.data.ok ? <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" /> : <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}
          <span>
            {test.data.ok
              ? `Connected to ${test.data.model}${test.data.latencyMs !== undefined ? ` in ${test.data.latencyMs} ms` : ''}.`
              : `${test.data.model}: ${test.data.error?.message ?? 'the test failed'}`}
          </span>
        </div>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2 pt-2">
        {extraActions}
        <Button variant="secondary" onClick={() => void runTest()} disabled={test.isPending}>
          <PlugZap aria-hidden="true" /> {test.isPending ? 'Testing…' : 'Test connection'}
        </Button>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : saveLabel}
        </Button>
      </div>
    </form>
  );
}
