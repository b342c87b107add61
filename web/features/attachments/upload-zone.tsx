// Where files come in: an "Upload files" button (it opens the hidden multi-file input, so the
// keyboard reaches it like any button) inside a zone that also takes files dropped on it.
import { Upload } from 'lucide-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/utils';

export function UploadZone({ onFiles, busy }: { onFiles: (files: File[]) => void; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) onFiles(files);
  }

  return (
    <div
      onDragOver={(e) => {
        if (!Array.from(e.dataTransfer.types).includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        // Leaving for a child of the zone is not leaving the zone.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
      className={cn(
        'mb-4 flex flex-wrap items-center gap-3 rounded-lg border-2 border-dashed border-zinc-300 bg-zinc-50 px-4 py-4 transition-colors',
        over && 'border-indigo-500 bg-indigo-50',
      )}
    >
      <Button variant="secondary" size="sm" aria-describedby={hintId} onClick={() => input.current?.click()}>
        <Upload aria-hidden="true" /> {busy ? 'Upload more' : 'Upload files'}
      </Button>
      <p id={hintId} className="text-xs text-zinc-500">
        {over ? 'Drop to attach' : 'or drop files here. Several at once are fine; programs are refused.'}
      </p>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Reset so choosing the same file again still fires a change.
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
