// /feedback: tell the team running Meridian what works and what does not — a category, a message,
// the page it is about and optionally a screenshot. Owners and admins also read what came in.
import { ImageIcon, MessageSquareHeart, Send } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { FEEDBACK_CATEGORIES, SCREENSHOT_MAX_BYTES, type FeedbackCategory } from '../../../contracts/feedback';
import { PageHeader } from '../../components/app-shell';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { Badge, Card } from '../../components/ui/misc';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/utils';
import { isAdmin, useMe } from '../auth/session';
import { useFeedbackList, useSendFeedback } from './feedback.queries';

const LABELS: Record<FeedbackCategory, string> = { bug: 'Something is broken', idea: 'An idea', question: 'A question', praise: 'Something I like', other: 'Something else' };
const TONE: Record<FeedbackCategory, string> = { bug: 'churned', idea: 'lead', question: 'prospect', praise: 'customer', other: 'neutral' };

function SendForm() {
  const [params] = useSearchParams();
  const from = params.get('from');
  const [category, setCategory] = useState<FeedbackCategory>('idea');
  const [message, setMessage] = useState('');
  const [screenshot, setScreenshot] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const send = useSendFeedback();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!message.trim()) local.message = 'Say what you would like us to know';
    if (screenshot && screenshot.size > SCREENSHOT_MAX_BYTES) local.screenshot = 'The screenshot is larger than 5 MB';
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await send.mutateAsync({ category, message: message.trim(), page: from && from.startsWith('/') ? from : null, screenshot });
      setSent(true);
      setMessage('');
      setScreenshot(null);
    } catch (err) {
      if (err instanceof ApiError && err.details.length) setErrors(Object.fromEntries(err.details.map((d) => [d.path, d.message])));
    }
  }

  if (sent) {
    return (
      <Card className="p-6" role="status">
        <p className="font-medium">Thank you — your feedback was sent.</p>
        <p className="mt-1 text-sm text-zinc-600">Your organization's admins read every message.</p>
        <Button variant="secondary" className="mt-4" onClick={() => setSent(false)}>
          Send more feedback
        </Button>
      </Card>
    );
  }
  return (
    <Card className="p-4 sm:p-6">
      <form className="space-y-4" onSubmit={submit} noValidate aria-label="Send feedback">
        <Field label="What is it about?" error={errors.category}>
          <Select value={category} onChange={(e) => setCategory(e.target.value as FeedbackCategory)}>
            {FEEDBACK_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {LABELS[c]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Your feedback" error={errors.message} hint={from ? `About the page ${from}` : undefined}>
          <Textarea rows={6} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What happened, what you expected, or what would help you…" />
        </Field>
        <Field label="Screenshot (optional)" error={errors.screenshot} hint="PNG, JPEG, WebP or GIF, up to 5 MB">
          <Input type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={(e) => setScreenshot(e.target.files?.[0] ?? null)} />
        </Field>
        <FormError message={send.error && !(send.error instanceof ApiError && send.error.details.length) ? errorMessage(send.error) : null} />
        <Button type="submit" disabled={send.isPending}>
          <Send aria-hidden="true" /> {send.isPending ? 'Sending…' : 'Send feedback'}
        </Button>
      </form>
    </Card>
  );
}

function Received() {
  const list = useFeedbackList(true);
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <TableSkeleton columns={3} rows={3} />;
  if (!list.data.length) return <EmptyState icon={<MessageSquareHeart aria-hidden="true" />} title="No feedback yet" message="What people send from this page shows up here, and in your inbox when email is set up." />;
  return (
    <ul className="divide-y divide-zinc-200" aria-label="Feedback received">
      {list.data.map((f) => (
        <li key={f.id} className="space-y-1 py-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={TONE[f.category]}>{LABELS[f.category]}</Badge>
            <span className="font-medium">{f.authorName ?? 'Someone'}</span>
            <span className="text-zinc-500">{f.authorEmail}</span>
            <time className="text-xs text-zinc-500" dateTime={f.createdAt}>
              {formatDateTime(f.createdAt)}
            </time>
          </div>
          <p className="whitespace-pre-line break-words text-sm text-zinc-800">{f.message}</p>
          <div className="flex flex-wrap gap-3 text-xs">
            {f.page ? <span className="text-zinc-500">Page: {f.page}</span> : null}
            {f.hasScreenshot ? (
              <a className="inline-flex items-center gap-1 text-indigo-700 underline-offset-2 hover:underline" href={`/api/v1/feedback/${f.id}/screenshot`} target="_blank" rel="noreferrer">
                <ImageIcon className="size-3.5" aria-hidden="true" /> Screenshot
              </a>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function FeedbackPage() {
  const me = useMe();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader title="Feedback" description="Tell us what works, what doesn't, and what you'd like next." />
      <SendForm />
      {isAdmin(me.role) ? (
        <section className="space-y-3" aria-labelledby="received-heading">
          <h2 id="received-heading" className="text-lg font-semibold">
            Feedback received
          </h2>
          <Card className="px-4 sm:px-6">
            <Received />
          </Card>
        </section>
      ) : null}
    </div>
  );
}
