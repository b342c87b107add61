// The options of a select / multi-select field: chips with a remove button, a text box that adds
// on Enter or with the Add button.
import { X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Input } from '../../components/ui/input';

export function OptionsEditor({ id, value, onChange, invalid }: { id?: string; value: string[]; onChange: (v: string[]) => void; invalid?: boolean }) {
  const [text, setText] = useState('');
  const add = () => {
    const t = text.trim();
    if (t && !value.some((v) => v.toLowerCase() === t.toLowerCase())) onChange([...value, t]);
    setText('');
  };
  return (
    <div className="space-y-2">
      {value.length ? (
        <ul aria-label="Chosen options" className="flex flex-wrap gap-1.5">
          {value.map((o) => (
            <li key={o} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pl-2.5 pr-1 text-sm ring-1 ring-zinc-200">
              {o}
              <button type="button" aria-label={`Remove option ${o}`} className="rounded-full p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => onChange(value.filter((x) => x !== o))}>
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex gap-2">
        <Input
          id={id}
          aria-invalid={invalid || undefined}
          placeholder="Add an option and press Enter"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button variant="secondary" onClick={add} disabled={!text.trim()}>
          Add option
        </Button>
      </div>
    </div>
  );
}
