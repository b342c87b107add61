// The automation rule builder: a trigger picker, conditions as field/operator/value rows (turned
// into the list filter JSON the server takes), and a list of actions. The server checks the rule
// whole; its field errors are shown above the Save button.
import { Plus, X } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { ACTION_TYPES, TRIGGER_TYPES, type AutomationAction, type AutomationInput, type AutomationTrigger } from '../../../contracts/automations';
import { ENTITIES } from '../../../contracts/entities';
import { Button } from '../../components/ui/button';
import { Field, FormError } from '../../components/ui/field';
import { Input, Select } from '../../components/ui/input';
import { errorMessage } from '../../lib/api';
import { useMembers } from '../../lib/members';
import { usePipelines } from '../deals/deals.queries';

const TRIGGER_LABELS: Record<string, string> = {
  'record.created': 'A record is created', 'record.updated': 'A record is updated', 'record.deleted': 'A record is deleted',
  'field.changed': 'A field changes', 'deal.stage_changed': 'A deal enters a stage', 'task.overdue': 'A task becomes overdue', schedule: 'On a schedule',
};
const ACTION_LABELS: Record<string, string> = {
  create_task: 'Create a task', assign_owner: 'Assign an owner', add_tag: 'Add a tag', remove_tag: 'Remove a tag',
  update_field: 'Update a field', notify_user: 'Notify a user', send_email: 'Email members', call_webhook: 'Call a webhook',
};
const OPS = ['eq', 'ne', 'contains', 'gt', 'lt', 'isNull'] as const;
const OP_LABELS: Record<string, string> = { eq: 'is', ne: 'is not', contains: 'contains', gt: 'greater than', lt: 'less than', isNull: 'is empty' };

interface Row { field: string; op: (typeof OPS)[number]; value: string }
type Draft = Record<string, string>;

/** Condition rows → the filter JSON ({"source":"webinar","amount":{"gt":"1000"}}). */
export function rowsToFilter(rows: Row[]): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of rows.filter((x) => x.field.trim())) {
    const v = r.op === 'isNull' ? true : r.value;
    out[r.field.trim()] = { ...(out[r.field.trim()] ?? {}), [r.op]: v };
  }
  return out;
}

function toAction(d: Draft): AutomationAction {
  switch (d.type) {
    case 'create_task': return { type: 'create_task', title: d.title ?? '', dueInDays: d.dueInDays ? Number(d.dueInDays) : undefined, assignTo: d.userId ? { userId: d.userId } : 'owner' };
    case 'assign_owner': return d.roundRobin ? { type: 'assign_owner', roundRobin: d.roundRobin.split(',').filter(Boolean) } : { type: 'assign_owner', userId: d.userId ?? '' };
    case 'add_tag': case 'remove_tag': return { type: d.type, tag: d.tag ?? '' };
    case 'update_field': return { type: 'update_field', field: d.field ?? '', value: d.value ?? '' };
    case 'notify_user': return { type: 'notify_user', userId: d.userId || 'owner', message: d.message || undefined };
    case 'send_email': return { type: 'send_email', to: [d.userId || 'owner'], subject: d.subject ?? '', body: d.body ?? '' };
    default: return { type: 'call_webhook', url: d.url ?? '' };
  }
}

export function AutomationBuilder({ onSave, pending }: { onSave: (input: AutomationInput) => Promise<void>; pending: boolean }) {
  const members = useMembers().data ?? [];
  const stages = usePipelines().data?.flatMap((p) => p.stages.map((s) => ({ id: s.id, name: `${p.name}: ${s.name}` }))) ?? [];
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('record.created');
  const [entity, setEntity] = useState('contact');
  const [extra, setExtra] = useState<Draft>({});
  const [rows, setRows] = useState<Row[]>([]);
  const [actions, setActions] = useState<Draft[]>([{ type: 'create_task', title: '', dueInDays: '3' }]);
  const [error, setError] = useState<string | null>(null);

  const trigger = (): AutomationTrigger => {
    if (type === 'deal.stage_changed') return { type, stageId: extra.stageId || null };
    if (type === 'task.overdue') return { type };
    if (type === 'schedule') return { type, entity: entity as never, cron: extra.cron ?? '' };
    if (type === 'field.changed') return { type, entity: entity as never, field: extra.field ?? '', ...(extra.to ? { to: extra.to } : {}) };
    return { type: type as 'record.created', entity: entity as never };
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSave({ name, enabled: true, trigger: trigger(), conditions: rowsToFilter(rows), actions: actions.map(toAction) });
      setName('');
      setRows([]);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const setAction = (i: number, patch: Draft) => setActions((cur) => cur.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const userSelect = (value: string | undefined, onChange: (v: string) => void, label: string, ownerLabel = 'The record’s owner') => (
    <Field label={label}>
      <Select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{ownerLabel}</option>
        {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
      </Select>
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="New automation">
      <Field label="Name"><Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Follow up on proposals" /></Field>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">When</legend>
        <Field label="Trigger">
          <Select value={type} onChange={(e) => setType(e.target.value)}>{TRIGGER_TYPES.map((t) => <option key={t} value={t}>{TRIGGER_LABELS[t]}</option>)}</Select>
        </Field>
        {type !== 'deal.stage_changed' && type !== 'task.overdue' ? (
          <Field label="Record type">
            <Select value={entity} onChange={(e) => setEntity(e.target.value)}>{ENTITIES.map((en) => <option key={en.type} value={en.type}>{en.label}</option>)}</Select>
          </Field>
        ) : null}
        {type === 'deal.stage_changed' ? (
          <Field label="Stage">
            <Select value={extra.stageId ?? ''} onChange={(e) => setExtra({ ...extra, stageId: e.target.value })}>
              <option value="">Any stage</option>
              {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </Select>
          </Field>
        ) : null}
        {type === 'field.changed' ? (
          <>
            <Field label="Field"><Input value={extra.field ?? ''} onChange={(e) => setExtra({ ...extra, field: e.target.value })} placeholder="status" /></Field>
            <Field label="Changed to (optional)"><Input value={extra.to ?? ''} onChange={(e) => setExtra({ ...extra, to: e.target.value })} placeholder="customer" /></Field>
          </>
        ) : null}
        {type === 'schedule' ? <Field label="Cron (UTC)" hint="e.g. 0 9 * * 1 — Mondays 09:00"><Input value={extra.cron ?? ''} onChange={(e) => setExtra({ ...extra, cron: e.target.value })} /></Field> : null}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-semibold">Only if</legend>
        {rows.map((r, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <Input aria-label="Condition field" className="w-32 flex-1" value={r.field} placeholder="source" onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))} />
            <Select aria-label="Condition operator" className="w-36" value={r.op} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, op: e.target.value as Row['op'] } : x)))}>
              {OPS.map((o) => <option key={o} value={o}>{OP_LABELS[o]}</option>)}
            </Select>
            {r.op !== 'isNull' ? <Input aria-label="Condition value" className="w-32 flex-1" value={r.value} placeholder="webinar" onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} /> : null}
            <Button type="button" variant="ghost" aria-label="Remove condition" onClick={() => setRows(rows.filter((_, j) => j !== i))}><X aria-hidden="true" /></Button>
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={() => setRows([...rows, { field: '', op: 'eq', value: '' }])}><Plus aria-hidden="true" /> Add condition</Button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold">Then</legend>
        {actions.map((a, i) => (
          <div key={i} className="grid gap-3 rounded-md border border-zinc-200 p-3 sm:grid-cols-2">
            <Field label={`Action ${i + 1}`}>
              <Select value={a.type} onChange={(e) => setActions(actions.map((x, j) => (j === i ? { type: e.target.value } : x)))}>{ACTION_TYPES.map((t) => <option key={t} value={t}>{ACTION_LABELS[t]}</option>)}</Select>
            </Field>
            {a.type === 'create_task' ? (
              <>
                <Field label="Task title" hint="{{name}} fills in the record’s name"><Input value={a.title ?? ''} onChange={(e) => setAction(i, { title: e.target.value })} /></Field>
                <Field label="Due in days"><Input type="number" min={0} value={a.dueInDays ?? ''} onChange={(e) => setAction(i, { dueInDays: e.target.value })} /></Field>
                {userSelect(a.userId, (v) => setAction(i, { userId: v }), 'Assign to')}
              </>
            ) : null}
            {a.type === 'assign_owner' ? userSelect(a.userId, (v) => setAction(i, { userId: v }), 'Owner', 'Choose…') : null}
            {a.type === 'add_tag' || a.type === 'remove_tag' ? <Field label="Tag"><Input value={a.tag ?? ''} onChange={(e) => setAction(i, { tag: e.target.value })} /></Field> : null}
            {a.type === 'update_field' ? (
              <>
                <Field label="Field"><Input value={a.field ?? ''} onChange={(e) => setAction(i, { field: e.target.value })} /></Field>
                <Field label="Value"><Input value={a.value ?? ''} onChange={(e) => setAction(i, { value: e.target.value })} /></Field>
              </>
            ) : null}
            {a.type === 'notify_user' || a.type === 'send_email' ? userSelect(a.userId, (v) => setAction(i, { userId: v }), 'Who') : null}
            {a.type === 'notify_user' ? <Field label="Message"><Input value={a.message ?? ''} onChange={(e) => setAction(i, { message: e.target.value })} /></Field> : null}
            {a.type === 'send_email' ? (
              <>
                <Field label="Subject"><Input value={a.subject ?? ''} onChange={(e) => setAction(i, { subject: e.target.value })} /></Field>
                <Field label="Body"><Input value={a.body ?? ''} onChange={(e) => setAction(i, { body: e.target.value })} /></Field>
              </>
            ) : null}
            {a.type === 'call_webhook' ? <Field label="URL"><Input type="url" value={a.url ?? ''} onChange={(e) => setAction(i, { url: e.target.value })} /></Field> : null}
            {actions.length > 1 ? <Button type="button" variant="ghost" className="justify-self-start" onClick={() => setActions(actions.filter((_, j) => j !== i))}><X aria-hidden="true" /> Remove action</Button> : null}
          </div>
        ))}
        <Button type="button" variant="secondary" onClick={() => setActions([...actions, { type: 'add_tag' }])}><Plus aria-hidden="true" /> Add action</Button>
      </fieldset>
      <FormError message={error} />
      <Button type="submit" disabled={pending}>Save automation</Button>
    </form>
  );
}
