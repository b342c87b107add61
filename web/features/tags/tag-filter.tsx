// "All tags" select on a list page; the chosen name goes to the list filter as {"tags": name}.
import { Select } from '../../components/ui/input';
import { useTags } from './tags.queries';

export function TagFilter({ value, onChange }: { value: string; onChange: (tag: string) => void }) {
  const tags = useTags();
  return (
    <Select aria-label="Filter by tag" className="sm:w-40" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">All tags</option>
      {(tags.data ?? []).map((t) => (
        <option key={t.id} value={t.name}>
          {t.name}
        </option>
      ))}
      {value && !(tags.data ?? []).some((t) => t.name === value) ? <option value={value}>{value}</option> : null}
    </Select>
  );
}
