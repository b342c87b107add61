// Asked when a deal is dropped into a lost stage: the reason is required. Cancel puts the card back.
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Textarea } from '../../components/ui/input';

const SUGGESTIONS = ['Price', 'Timing', 'Competitor', 'No budget'];

interface LostReasonDialogProps {
  open: boolean;
  dealName: string;
  stageName: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

export function LostReasonDialog({ open, dealName, stageName, onCancel, onConfirm }: LostReasonDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onCancel()} title="Lost reason" description={`Why was ${dealName} lost? It moves to ${stageName}.`}>
      {open ? <LostReasonForm onCancel={onCancel} onConfirm={onConfirm} /> : null}
    </Dialog>
  );
}

function LostReasonForm({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  function submit(e: FormEvent) {
    e.preventDefault();
    const r = reason.trim();
    if (!r) return setError('Enter why the deal was lost');
    onConfirm(r);
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Common reasons">
        {SUGGESTIONS.map((s) => (
          <Button key={s} size="sm" variant={reason === s ? 'default' : 'secondary'} aria-pressed={reason === s} onClick={() => { setReason(s); setError(undefined); }}>
            {s}
          </Button>
        ))}
      </div>
      <Field label="Reason" error={error}>
        <Textarea autoFocus rows={3} maxLength={500} value={reason} onChange={(e) => { setReason(e.target.value); setError(undefined); }} />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit">Mark as lost</Button>
      </div>
    </form>
  );
}
