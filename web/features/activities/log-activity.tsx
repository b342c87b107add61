// "Log call / Log email / Log meeting" on a record page: a small dialog (when, what happened,
// outcome) that posts to /activities/log; the entry then shows on the record's timeline.
import { useMutation } from '@tanstack/react-query';
import { Mail, Phone, Users } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { LoggedActivity, LoggedActivityType } from '../../../contracts/activities';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field, FormError } from '../../components/ui/field';
import { Input, Textarea } from '../../components/ui/input';
import { ApiError, api, errorMessage } from '../../lib/api';
import { invalidateCrm } from '../../lib/resource';
import { canEdit, useMe } from '../auth/session';

export type RelatedType = 'contact' | 'company' | 'deal' | 'lead' | 'project';
const KINDS: { type: LoggedActivityType; label: string; icon: typeof Phone }[] = [
  { type: 'call', label: 'Log call', icon: Phone },
  { type: 'email', label: 'Log email', icon: Mail },
  { type: 'meeting', label: 'Log meeting', icon: Users },
];
const NOUN: Record<LoggedActivityType, string> = { call: 'call', email: 'email', meeting: 'meeting' };

/** The local time now, as a datetime-local input wants it. */
function localNow() {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function LogActivityButtons({ relatedType, relatedId, name }: { relatedType: RelatedType; relatedId: string; name: string }) {
  const me = useMe();
  const [open, setOpen] = useState<LoggedActivityType | null>(null);
  if (!canEdit(me.role)) return null;
  return (
    <>
      {KINDS.map(({ type, label, icon: Icon }) => (
        <Button key={type} variant="secondary" size="sm" onClick={() => setOpen(type)}>
          <Icon aria-hidden="true" /> {label}
        </Button>
      ))}
      <Dialog open={open !== null} onOpenChange={(o) => !o && setOpen(null)} title={open ? `Log a ${NOUN[open]} with ${name}` : 'Log activity'}>
        {open ? <LogForm key={open} type={open} relatedType={relatedType} relatedId={relatedId} onDone={() => setOpen(null)} /> : null}
      </Dialog>
    </>
  );
}

/** The log dialog on its own, for callers with their own trigger (the command palette). */
export function LogActivityDialog({ type, relatedType, relatedId, name, onClose }: { type: LoggedActivityType; relatedType: RelatedType; relatedId: string; name: string; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={`Log a ${NOUN[type]} with ${name}`}>
      <LogForm type={type} relatedType={relatedType} relatedId={relatedId} onDone={onClose} />
    </Dialog>
  );
}

function LogForm({ type, relatedType, relatedId, onDone }: { type: LoggedActivityType; relatedType: RelatedType; relatedId: string; onDone: () => void }) {
  const [when, setWhen] = useState(localNow);
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState('');
  const [errors, setErrors] = useState<{ summary?: string; occurredAt?: string; form?: string }>({});
  const log = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<{ data: LoggedActivity }>('/activities/log', { method: 'POST', body }).then((r) => r.data),
    onSuccess: () => invalidateCrm(),
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!summary.trim()) return setErrors({ summary: 'Say what happened' });
    const at = new Date(when);
    if (Number.isNaN(at.getTime())) return setErrors({ occurredAt: 'Pick when it happened' });
    setErrors({});
    try {
      await log.mutateAsync({ type, relatedType, relatedId, occurredAt: at.toISOString(), summary: summary.trim(), ...(outcome.trim() ? { outcome: outcome.trim() } : {}) });
      toast.success(`${NOUN[type][0].toUpperCase()}${NOUN[type].slice(1)} logged`);
      onDone();
    } catch (err) {
      const details = err instanceof ApiError ? err.details ?? [] : [];
      const byField = Object.fromEntries(details.map((d) => [d.path, d.message]));
      setErrors({ summary: byField.summary, occurredAt: byField.occurredAt, form: byField.summary || byField.occurredAt ? undefined : errorMessage(err) });
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormError message={errors.form} />
      <Field label="When" error={errors.occurredAt}>
        <Input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
      </Field>
      <Field label={type === 'email' ? 'What was it about?' : 'What was discussed?'} error={errors.summary}>
        <Textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} autoFocus placeholder={type === 'call' ? 'She wants a demo next week' : type === 'email' ? 'Sent the proposal' : 'Renewal kickoff'} />
      </Field>
      <Field label="Outcome (optional)">
        <Input value={outcome} onChange={(e) => setOutcome(e.target.value)} placeholder="e.g. wants a demo, left a voicemail" />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={log.isPending}>
          {log.isPending ? 'Saving…' : `Log ${NOUN[type]}`}
        </Button>
      </div>
    </form>
  );
}
