// The message box: Enter sends, Shift+Enter starts a new line; Stop while a reply streams.
import { SendHorizontal, Square } from 'lucide-react';
import { useId, type RefObject } from 'react';
import { Button } from '../../components/ui/button';
import { Textarea } from '../../components/ui/input';

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function ChatComposer({ value, onChange, onSend, onStop, busy, inputRef }: ComposerProps) {
  const id = useId();
  return (
    <form
      className="flex items-end gap-2 border-t border-zinc-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message the assistant
      </label>
      <p id={`${id}-hint`} className="sr-only">
        Enter sends; Shift+Enter starts a new line.
      </p>
      <Textarea
        id={id}
        ref={inputRef}
        rows={2}
        value={value}
        disabled={busy}
        placeholder="Ask or tell the assistant…"
        aria-describedby={`${id}-hint`}
        className="max-h-40 min-h-11 flex-1 resize-none"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSend();
          }
        }}
      />
      {busy ? (
        <Button variant="secondary" onClick={onStop}>
          <Square aria-hidden="true" /> Stop
        </Button>
      ) : (
        <Button type="submit" disabled={!value.trim()}>
          <SendHorizontal aria-hidden="true" /> Send
        </Button>
      )}
    </form>
  );
}
