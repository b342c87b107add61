// One message of the chat: the user's text, or the assistant's markdown reply with its tool cards,
// approvals waiting for a decision and the model that answered.
import { isTextUIPart } from 'ai';
import { Sparkles } from 'lucide-react';
import type { ChatMessage } from './assistant.queries';
import { ApprovalCard } from './approval-card';
import { Markdown } from './markdown';
import { ToolCallCard, toolViews } from './tool-card';

function approvalsOf(message: ChatMessage, views: ReturnType<typeof toolViews>) {
  const seen = new Map<string, string>();
  for (const v of views) if (v.approval) seen.set(v.approval.id, v.approval.summary);
  for (const a of message.metadata?.pendingApprovals ?? []) if (!seen.has(a.id)) seen.set(a.id, a.summary);
  return [...seen].map(([id, summary]) => ({ id, summary }));
}

export function ChatMessageView({ message, streaming }: { message: ChatMessage; streaming: boolean }) {
  const text = message.parts
    .filter(isTextUIPart)
    .map((p) => p.text)
    .join('');

  if (message.role === 'user') {
    return (
      <div className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-indigo-600 px-3.5 py-2 text-sm text-white">
          <span className="sr-only">You: </span>
          {text}
        </div>
      </div>
    );
  }

  const views = toolViews(message);
  const approvals = approvalsOf(message, views);
  const model = message.metadata?.model;
  return (
    <article aria-label="Assistant reply" className="flex gap-3">
      <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-700" aria-hidden="true">
        <Sparkles className="size-4" />
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        {views.length ? (
          <div className="space-y-1.5">
            {views.map((v) => (
              <ToolCallCard key={v.key} view={v} />
            ))}
          </div>
        ) : null}
        {text ? (
          <Markdown text={text} />
        ) : streaming ? (
          <p className="text-sm text-zinc-500">Thinking…</p>
        ) : views.length === 0 ? (
          <p className="text-sm italic text-zinc-500">No reply.</p>
        ) : null}
        {approvals.map((a) => (
          <ApprovalCard key={a.id} id={a.id} summary={a.summary} />
        ))}
        {model ? <p className="text-xs text-zinc-500">Answered by {model}</p> : null}
      </div>
    </article>
  );
}
