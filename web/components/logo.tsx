import { cn } from '../lib/utils';

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-zinc-900', className)}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#4f46e5" />
        <path d="M8 23V9l8 9 8-9v14" stroke="white" strokeWidth="3" fill="none" strokeLinejoin="round" />
      </svg>
      Meridian
    </span>
  );
}
