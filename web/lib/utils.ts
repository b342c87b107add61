import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';
import { enumLabel } from './format';

/** Joins class names and lets later Tailwind utilities override earlier ones. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}

// Dates are formatted in one place (lib/format.ts); re-exported for the pages that import them here.
export { formatDate, formatDateTime } from './format';

/** "acme-inc" from "Acme, Inc." — what the organization form suggests as a slug. */
export function slugify(text: string) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
}

/** "lead" → "Lead"; enum values read as labels too: "in_progress" → "In progress" (lib/format.ts enumLabel). */
export function titleCase(word: string) {
  return enumLabel(word);
}

/** The URL when it is an http(s) link, else undefined: rows saved before the server checked may hold `javascript:`. */
export function webHref(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url.trim()) ? url : undefined;
}
