// The model's extended thinking above its answer: a native <details> disclosure, closed by default
// (Enter / Space on the summary opens it), so the reasoning is there to check but never in the way.
import { Brain, ChevronRight } from 'lucide-react';

export function ThinkingBlock({ text, streaming }: { text: string; streaming?: boolean }) {
  return (
    <details className="group rounded-md border border-zinc-200 bg-zinc-50 text-sm">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2.5 py-1.5 text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-4 shrink-0 transition-transform group-open:rotate-90" aria-hidden="true" />
        <Brain className="size-4 shrink-0" aria-hidden="true" />
        <span>{streaming ? 'Thinking…' : 'Thinking'}</span>
      </summary>
      <div className="max-h-80 overflow-y-auto whitespace-pre-wrap break-words border-t border-zinc-200 px-3 py-2 text-xs leading-relaxed text-zinc-600">{text}</div>
    </details>
  );
}
