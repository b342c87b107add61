import { branding } from '../lib/branding';
import { cn } from '../lib/utils';

/** The configured logo (BRAND_LOGO) or the built-in mark in the accent colours, and the app's name. */
export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex min-w-0 max-w-full items-center gap-2 text-lg font-semibold tracking-tight text-zinc-900', className)}>
      {branding.logoUrl ? (
        <img src={branding.logoUrl} alt="" className="size-7 shrink-0 rounded object-contain" />
      ) : (
        <svg viewBox="0 0 32 32" className="size-7 shrink-0" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="var(--color-indigo-600)" />
          <path d="M8 23V9l8 9 8-9v14" stroke="var(--color-on-accent)" strokeWidth="3" fill="none" strokeLinejoin="round" />
        </svg>
      )}
      <span className="truncate">{branding.appName}</span>
    </span>
  );
}
