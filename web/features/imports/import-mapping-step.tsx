// Step 2: each CSV column → a field of the record (or ignored), pre-filled with the server's
// suggestion, with the first values of the column to recognize it by.
import { Select } from '../../components/ui/input';
import { Table, Td, Th } from '../../components/ui/misc';
import type { Mapping, UploadedImport } from './imports.queries';

export function ImportMappingStep({ job, mapping, onChange }: { job: UploadedImport; mapping: Mapping; onChange: (m: Mapping) => void }) {
  const used = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) used.set(f, (used.get(f) ?? 0) + 1);

  return (
    <Table aria-label="Column mapping">
      <thead>
        <tr>
          <Th>CSV column</Th>
          <Th className="hidden md:table-cell">Sample values</Th>
          <Th>Imports into</Th>
        </tr>
      </thead>
      <tbody>
        {job.headers.map((header, i) => {
          const samples = job.sampleRows.map((r) => (r[i] ?? '').trim()).filter(Boolean).slice(0, 3);
          const target = mapping[header] ?? '';
          const twice = target !== '' && (used.get(target) ?? 0) > 1;
          return (
            <tr key={`${header}-${i}`}>
              <Td className="font-medium">{header || <span className="text-zinc-400">(no name)</span>}</Td>
              <Td className="hidden max-w-xs text-zinc-600 md:table-cell">
                {samples.length ? <span className="block truncate">{samples.join(' · ')}</span> : <span className="text-zinc-400">empty</span>}
              </Td>
              <Td className="w-72">
                <Select
                  aria-label={`Field for column ${header}`}
                  value={target}
                  aria-invalid={twice || undefined}
                  onChange={(e) => onChange({ ...mapping, [header]: e.target.value === '' ? null : e.target.value })}
                >
                  <option value="">Ignore</option>
                  {job.fields.map((f) => (
                    <option key={f.field} value={f.field}>
                      {f.label}
                    </option>
                  ))}
                </Select>
                {twice ? <p className="mt-1 text-xs text-amber-700">Another column imports into this field too; the later one wins.</p> : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
