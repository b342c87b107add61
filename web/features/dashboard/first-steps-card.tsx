// The first-steps checklist a new organization sees on its dashboard. Each step ticks itself from
// the organization's data (GET /me/first-steps), however it was done; the list hides once every
// step is done or the user dismisses it (remembered per user and organization in this browser).
import { useQuery } from '@tanstack/react-query';
import { CheckCircle2, Circle, X } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { FirstSteps } from '../../../contracts/responses';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/misc';
import { api } from '../../lib/api';
import { plural } from '../../lib/format';
import { cn } from '../../lib/utils';
import { useMe } from '../auth/session';

const STEPS: Record<FirstSteps['steps'][number]['key'], { title: string; hint: string; to: string; action: string }> = {
  addContact: { title: 'Add a contact', hint: 'The people you sell to.', to: '/contacts?new=1', action: 'Add contact' },
  importCsv: { title: 'Import a CSV', hint: 'Bring contacts, companies or deals from a spreadsheet.', to: '/import/contacts', action: 'Import' },
  inviteTeammate: { title: 'Invite a teammate', hint: 'Work on the same pipeline together.', to: '/settings/members', action: 'Invite' },
  connectModel: { title: 'Connect a model', hint: 'Anthropic, OpenAI, Google or your own gateway for the assistant.', to: '/settings/ai', action: 'Connect' },
};

export function useFirstSteps() {
  return useQuery({ queryKey: ['me', 'first-steps'], queryFn: () => api<{ data: FirstSteps }>('/me/first-steps').then((r) => r.data) });
}

export function FirstStepsCard() {
  const me = useMe();
  const key = `meridian:first-steps-dismissed:${me.user.id}:${me.organization.id}`;
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(key) === '1');
  const steps = useFirstSteps();
  if (dismissed || !steps.data || steps.data.done === steps.data.total) return null;
  const dismiss = () => {
    localStorage.setItem(key, '1');
    setDismissed(true);
  };
  const { done, total } = steps.data;
  return (
    <Card className="mb-6 p-5" aria-labelledby="first-steps-title">
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 id="first-steps-title" className="text-base font-semibold">First steps</h2>
          <p className="text-sm text-zinc-600">{done} of {plural(total, 'step', 'steps')} done — a few minutes to a working CRM.</p>
        </div>
        <Button variant="ghost" size="icon" aria-label="Dismiss first steps" onClick={dismiss}>
          <X aria-hidden="true" />
        </Button>
      </div>
      <div role="progressbar" aria-label="First steps done" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} className="mb-4 h-1.5 overflow-hidden rounded-full bg-zinc-200">
        <div className="h-full bg-indigo-600" style={{ width: `${(done / total) * 100}%` }} />
      </div>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="First steps">
        {steps.data.steps.map((s) => {
          const step = STEPS[s.key];
          return (
            <li key={s.key} data-done={s.done} className={cn('flex items-start gap-3 rounded-md border border-zinc-200 p-3', s.done && 'bg-zinc-50')}>
              {s.done ? <CheckCircle2 className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-label="Done" /> : <Circle className="mt-0.5 size-5 shrink-0 text-zinc-400" aria-label="Not done yet" />}
              <div className="min-w-0 flex-1">
                <p className={cn('text-sm font-medium', s.done ? 'text-zinc-500 line-through' : 'text-zinc-900')}>{step.title}</p>
                <p className="text-xs text-zinc-600">{step.hint}</p>
              </div>
              {s.done ? null : (
                <Button asChild variant="secondary" size="sm" className="shrink-0">
                  <Link to={step.to} aria-label={`${step.action}: ${step.title}`}>{step.action}</Link>
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
