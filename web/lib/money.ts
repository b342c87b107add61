// Money is an exact decimal string from the API ("1234.50"). Sums go through BigInt cents and
// formatting hands Intl the decimal string, so no float ever touches an amount.

/** "1234.5" → 123450n; "-3" → -300n. Anything that is not a 2-decimal number counts as 0. */
export function toCents(amount: string | null | undefined): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec((amount ?? '').trim());
  if (!m) return 0n;
  const cents = BigInt(m[2] ?? '0') * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${(abs / 100n).toString()}.${frac}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: string | null | undefined, currency = 'USD', compact = false): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const key = `${currency}:${compact}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('en-US', { style: 'decimal', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, f);
  }
  // Intl formats a numeric string exactly (no conversion to a double on the way).
  return f.format(amount as Intl.StringNumericLiteral);
}

/** Sums amounts per currency: [{ currency: 'USD', amount: '1500.00' }]. */
export function sumByCurrency(rows: { amount: string | null | undefined; currency: string }[]): { currency: string; amount: string }[] {
  const totals = new Map<string, bigint>();
  for (const r of rows) {
    if (r.amount === null || r.amount === undefined) continue;
    totals.set(r.currency, (totals.get(r.currency) ?? 0n) + toCents(r.amount));
  }
  return [...totals].map(([currency, cents]) => ({ currency, amount: centsToDecimal(cents) }));
}

/** "$1,500.00" or "$1,000.00 + €200.00"; "$0.00" for nothing. */
export function formatTotals(rows: { amount: string | null | undefined; currency: string }[], fallbackCurrency = 'USD'): string {
  const totals = sumByCurrency(rows);
  if (totals.length === 0) return formatMoney('0', fallbackCurrency);
  return totals.map((t) => formatMoney(t.amount, t.currency)).join(' + ');
}
