// Small presentational pieces: badge, skeleton, card, table parts, copy button.
import { Check, Copy } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type ComponentProps, type RefObject } from 'react';
import { toast } from 'sonner';
import { cn } from '../../lib/utils';
import { Button } from './button';

const badgeTones = {
  lead: 'bg-sky-50 text-sky-700 ring-sky-200',
  prospect: 'bg-amber-50 text-amber-800 ring-amber-200',
  customer: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  churned: 'bg-rose-50 text-rose-700 ring-rose-200',
  inactive: 'bg-zinc-100 text-zinc-600 ring-zinc-200',
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
} as const;

export function Badge({ tone = 'neutral', className, ...props }: ComponentProps<'span'> & { tone?: string }) {
  const cls = badgeTones[tone as keyof typeof badgeTones] ?? badgeTones.neutral;
  return <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', cls, className)} {...props} />;
}

export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-zinc-200', className)} {...props} />;
}

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-lg border border-zinc-200 bg-white shadow-sm', className)} {...props} />;
}

/** Whether the element's content is wider than the element (it scrolls sideways), kept up to date. */
export function useOverflowsX(ref: RefObject<HTMLElement | null>) {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return; // jsdom
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

export function Table({ className, ...props }: ComponentProps<'table'>) {
  const ref = useRef<HTMLDivElement>(null);
  // A table wider than its box scrolls inside it: then the box is a named region in the tab order,
  // so keyboard users can scroll it too (axe: scrollable-region-focusable). Not before: a tab stop
  // that does nothing is noise.
  const scrolls = useOverflowsX(ref);
  return (
    // relative: absolutely positioned content (sr-only labels) scrolls with the table instead of
    // widening the page past a phone's screen.
    <div
      ref={ref}
      className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
      {...(scrolls ? { role: 'region', tabIndex: 0, 'aria-label': props['aria-label'] } : {})}
    >
      <table className={cn('w-full text-left text-sm', className)} {...props} />
    </div>
  );
}
export function Th({ className, ...props }: ComponentProps<'th'>) {
  return <th scope="col" className={cn('border-b border-zinc-200 bg-zinc-50 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-zinc-500', className)} {...props} />;
}
export function Td({ className, ...props }: ComponentProps<'td'>) {
  return <td className={cn('border-b border-zinc-100 px-4 py-3 align-middle', className)} {...props} />;
}

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard access needs a secure context or permission; the value stays selectable on screen.
      toast.error('Could not copy automatically — select the text and copy it by hand.');
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
      {copied ? <Check /> : <Copy />}
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}
