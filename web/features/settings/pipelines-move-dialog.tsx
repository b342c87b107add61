// Removing a stage that still holds deals: the admin picks the stage they move to.
import { useState } from 'react';
import type { Stage } from '../../../contracts/sales';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { Select } from '../../components/ui/input';

interface MoveDealsDialogProps {
  stage: Stage | null;
  message: string;
  stages: Stage[];
  pending: boolean;
  onCancel: () => void;
  onConfirm: (moveTo: string) => void;
}

export function MoveDealsDialog({ stage, message, stages, pending, onCancel, onConfirm }: MoveDealsDialogProps) {
  const [moveTo, setMoveTo] = useState('');
  const target = moveTo || stages[0]?.id || '';
  return (
    <Dialog open={Boolean(stage)} onOpenChange={(o) => !o && onCancel()} title={`Remove stage ${stage?.name ?? ''}`} description={message}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (target) onConfirm(target);
        }}
      >
        <Field label="Move its deals to">
          <Select value={target} onChange={(e) => setMoveTo(e.target.value)}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </Select>
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="destructive" disabled={pending || !target}>Move deals and remove</Button>
        </div>
      </form>
    </Dialog>
  );
}
