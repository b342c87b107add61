// "Draft email": a purpose and a tone, then an editable subject and body drafted from the
// record's facts, with Copy and "Open in mail app" (a mailto: link). Nothing is sent from here;
// copying or opening is recorded on the record as the assistant's insight acted on.
import { Copy, Mail, Wand2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import type { DraftEmail } from '../../../contracts/insights';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Input, Select, Textarea } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { Citations } from './citations';
import { recordInsightUse, useDraftEmail } from './insights.queries';

type DraftType = 'contact' | 'company' | 'deal' | 'lead';
const PATH: Record<DraftType, string> = { contact: '/contacts', company: '/companies', deal: '/deals', lead: '/leads' };

export function DraftEmailButton({ relatedType, relatedId, name }: { relatedType: DraftType; relatedId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Wand2 />
        Draft email
      </Button>
      {open ? <DraftEmailDialog open={open} onOpenChange={setOpen} relatedType={relatedType} relatedId={relatedId} name={name} /> : null}
    </>
  );
}

export function DraftEmailDialog({ open, onOpenChange, relatedType, relatedId, name }: { open: boolean; onOpenChange: (o: boolean) => void; relatedType: DraftType; relatedId: string; name: string }) {
  const draft = useDraftEmail();
  const [purpose, setPurpose] = useState('');
  const [tone, setTone] = useState<'friendly' | 'formal' | 'brief'>('friendly');
  const [result, setResult] = useState<DraftEmail | null>(null);
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');

  function generate(e: React.FormEvent) {
    e.preventDefault();
    draft.mutate(
      { relatedType, relatedId, purpose, tone },
      {
        onSuccess: (d) => {
          setResult(d);
          setTo(d.to ?? '');
          setSubject(d.subject);
          setBody(d.body);
        },
      },
    );
  }

  const used = (kind: 'email_copied' | 'email_opened') => recordInsightUse({ kind, relatedType, relatedId, summary: subject }).catch((e) => toast.error(errorMessage(e)));

  async function copy() {
    try {
      await navigator.clipboard.writeText(`Subject: ${subject}\n\n${body}`);
      toast.success('Draft copied');
    } catch {
      toast.error('Could not copy automatically — select the text and copy it by hand.');
      return;
    }
    void used('email_copied');
  }

  const mailto = `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Draft an email — ${name}`} description="Drafted from the record's notes and activities. Nothing is sent from Meridian." className="max-w-2xl">
      <form onSubmit={generate} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label="What is it about?" className="min-w-0 flex-1">
          <Input value={purpose} onChange={(e) => setPurpose(e.target.value)} placeholder="the renewal" required maxLength={500} />
        </Field>
        <Field label="Tone" className="sm:w-36">
          <Select value={tone} onChange={(e) => setTone(e.target.value as typeof tone)}>
            <option value="friendly">Friendly</option>
            <option value="formal">Formal</option>
            <option value="brief">Brief</option>
          </Select>
        </Field>
        <Button type="submit" disabled={draft.isPending || !purpose.trim()}>
          <Wand2 />
          {draft.isPending ? 'Drafting…' : result ? 'Draft again' : 'Draft'}
        </Button>
      </form>
      {draft.error ? <p role="alert" className="mt-3 text-sm text-red-700">{errorMessage(draft.error)}</p> : null}
      {result ? (
        <div className="mt-4 space-y-3">
          <Field label="To">
            <Input value={to} onChange={(e) => setTo(e.target.value)} type="email" placeholder="name@example.com" />
          </Field>
          <Field label="Subject">
            <Input value={subject} onChange={(e) => setSubject(e.target.value)} />
          </Field>
          <Field label="Body">
            <Textarea value={body} onChange={(e) => setBody(e.target.value)} rows={10} />
          </Field>
          <p className="text-xs text-zinc-400">{result.source === 'model' ? `Written by ${result.model}` : 'Drafted from a template and the record’s facts'}</p>
          <Citations citations={result.citations} relatedPath={`${PATH[relatedType]}/${relatedId}`} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => void copy()}>
              <Copy />
              Copy
            </Button>
            <Button asChild>
              <a href={mailto} onClick={() => void used('email_opened')}>
                <Mail />
                Open in mail app
              </a>
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
