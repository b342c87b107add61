// Charts draw one currency at a time (amounts in different currencies are never added): with
// several currencies in the data, a small select chooses which one the bars show.
import { useState } from 'react';
import { Select } from '../../components/ui/input';
import { useMe } from '../auth/session';

export function useCurrencyPick(currencies: string[], label: string) {
  const [picked, setPicked] = useState<string>();
  // The organization's own currency first (and for an empty chart), then the data's first.
  const orgCurrency = useMe().organization.currency;
  const currency = picked && currencies.includes(picked) ? picked : currencies.includes(orgCurrency) ? orgCurrency : (currencies[0] ?? orgCurrency);
  const picker =
    currencies.length > 1 ? (
      <Select aria-label={label} className="h-8 w-24 text-sm" value={currency} onChange={(e) => setPicked(e.target.value)}>
        {currencies.map((c) => (
          <option key={c} value={c}>{c}</option>
        ))}
      </Select>
    ) : null;
  return { currency, picker };
}

/** The currencies present, sorted, from per-currency rows. */
export const currenciesOf = (rows: { currency: string }[][]) => [...new Set(rows.flat().map((r) => r.currency))].sort();
