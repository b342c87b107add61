// Step 1: pick a CSV by dropping it on the zone or through the file input (the zone is its label,
// so it is keyboard reachable and announced as the file control).
import { FileUp } from 'lucide-react';
import { useId, useState, type DragEvent } from 'react';
import { cn } from '../../lib/utils';

export function ImportFileStep({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const [wrongType, setWrongType] = useState(false);

  function take(file: File | undefined) {
    if (!file) return;
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    setWrongType(!isCsv);
    if (isCsv) onFile(file);
  }

  function onDrop(e: DragEvent<HTMLLabelElement>) {
    e.preventDefault();
    setOver(false);
    if (!busy) take(e.dataTransfer.files[0]);
  }

  return (
    <div className="space-y-3">
      <label
        htmlFor={id}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn(
          'flex cursor-pointer flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed border-zinc-300 bg-zinc-50 px-6 py-14 text-center transition-colors focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-200 hover:border-indigo-400',
          over && 'border-indigo-500 bg-indigo-50',
          busy && 'cursor-wait opacity-70',
        )}
      >
        <FileUp className="size-8 text-zinc-500" aria-hidden="true" />
        <span className="text-sm font-medium text-zinc-900">{busy ? 'Reading the file…' : 'Drop a CSV file here, or click to choose one'}</span>
        <span className="text-xs text-zinc-500">Exports from spreadsheets and other CRMs work; the first line must hold the column names.</span>
        <input
          id={id}
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV file"
          className="sr-only"
          disabled={busy}
          onChange={(e) => {
            take(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </label>
      {wrongType ? (
        <p role="alert" className="text-sm text-red-700">
          That is not a CSV file. Save the spreadsheet as CSV and choose it again.
        </p>
      ) : null}
    </div>
  );
}
