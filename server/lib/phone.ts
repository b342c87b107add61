// Phone numbers are stored in E.164 ("+14155552671") when they can be read as a real number, so
// the same number typed three ways is one value (search, duplicates, click-to-call). Numbers
// without a country code are read in PHONE_DEFAULT_COUNTRY (none by default: then only numbers
// written with + or 00 are normalized). What cannot be read as a valid number — a 7-digit local
// number, "ask reception", an internal extension — is kept as the user typed it (trimmed): a CRM
// that refuses a customer's number, or an import row because of one, loses data people need.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

let defaultCountry: CountryCode | undefined;

/** Set once at start from env (server/app.ts). */
export function setPhoneDefaultCountry(country: string | undefined) {
  defaultCountry = country && isSupportedCountry(country) ? country : undefined;
}

export function phoneDefaultCountry(): CountryCode | undefined {
  return defaultCountry;
}

/** "+1 (415) 555-2671" → "+14155552671"; "0044 20 7946 0958" → "+442079460958"; unreadable → as typed. */
export function normalizePhone<T extends string | null | undefined>(raw: T): T | string {
  if (typeof raw !== 'string') return raw;
  const typed = raw.trim();
  if (!typed) return typed;
  // "00" is the international prefix in most of the world; libphonenumber only reads it with a country.
  const text = /^00[1-9]/.test(typed) ? `+${typed.slice(2)}` : typed;
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed?.isValid()) return typed;
  // An extension follows as " x12" (what the contact form accepts back).
  return parsed.ext ? `${parsed.number} x${parsed.ext}` : parsed.number;
}

/** A write-path `prepare` step for entities with phone columns (`phone`, and `mobile` on contacts). */
export function withNormalizedPhone<V extends Record<string, unknown>>(values: V, fields: string[] = ['phone']): V {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) if (f in out) out[f] = normalizePhone(out[f] as string | null | undefined);
  return out as V;
}
