// "This event or all events in the series?" — asked before a change or a delete of one occurrence
// of a recurring event (as Google Calendar and Outlook ask). `useScopeQuestion` turns the answer
// into a promise, so a save or a drop can await it.
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { Button } from '../../components/ui/button';

export type Scope = 'this' | 'all';

interface Ask {
  verb: 'change' | 'delete';
  resolve: (scope: Scope | null) => void;
}

export function useScopeQuestion() {
  const [ask, setAsk] = useState<Ask | null>(null);
  const question = (verb: Ask['verb']) => new Promise<Scope | null>((resolve) => setAsk({ verb, resolve }));
  const answer = (scope: Scope | null) => {
    ask?.resolve(scope);
    setAsk(null);
  };
  const dialog = (
    <AlertDialog.Root open={ask !== null} onOpenChange={(open) => !open && answer(null)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-lg border border-zinc-200 bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">{ask?.verb === 'delete' ? 'Delete a repeating event' : 'Change a repeating event'}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-zinc-600">
            {ask?.verb === 'delete' ? 'Delete only this occurrence, or every event in the series?' : 'Apply the change to this occurrence only, or to every event in the series?'}
          </AlertDialog.Description>
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <Button variant={ask?.verb === 'delete' ? 'destructive' : 'secondary'} onClick={() => answer('all')}>All events</Button>
            <Button variant={ask?.verb === 'delete' ? 'destructive' : 'default'} onClick={() => answer('this')}>This event</Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
  return { question, dialog };
}
