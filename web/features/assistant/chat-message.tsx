// One message of the chat: the user's text, or the assistant's markdown reply with its tool cards,
// approvals waiting for a decision and the model that answered.
import { getToolName, isReasoningUIPart, isTextUIPart, isToolUIPart } from 'ai';
import { Sparkles } from 'lucide-react';
import type { Choice } from '../../../contracts/assistant';
import { Button } from '../../components/ui/button';
import type { ChatMessage } from './assistant.queries';
import { ApprovalCard } from './approval-card';
import { Markdown } from './markdown';
import { ThinkingBlock } from './thinking-block';
import { ToolCallCard, toolViews } from './tool-card';

function approvalsOf(message: ChatMessage, views: ReturnType<typeof toolViews>) {
  const seen = new Map<string, string>();
  for (const v of views) if (v.approval) seen.set(v.approval.id, v.approval.summary);
  for (const a of message.metadata?.pendingApprovals ?? []) if (!seen.has(a.id)) seen.set(a.id, a.summary);
  return [...seen].map(([id, summary]) => ({ id, summary }));
}

/** The answers offered with a question (the ask_user tool's input, or the reply's metadata). */
export function choicesOf(message: ChatMessage): Choice[] {
  for (const part of [...message.parts].reverse()) {
    if (!isToolUIPart(part) || getToolName(part) !== 'ask_user') continue;
    const input = part.input as { choices?: { label: string; reply?: string }[] } | undefined;
    if (input?.choices?.length) return input.choices.map((c) => ({ label: c.label, reply: c.reply ?? c.label }));
  }
  return message.metadata?.choices ?? [];
}

/** The reply lists its choices as "1. …" for clients without buttons; here the buttons replace that list. */
function withoutChoiceList(text: string, choices: Choice[]) {
  if (!choices.length) return text;
  const blocks = text.split('\n\n');
  const last = blocks[blocks.length - 1].split('\n');
  const isList = last.length === choices.length && last.every((l, i) => l.replace(/^\d+\.\s*/, '') === choices[i].label);
  return isList ? blocks.slice(0, -1).join('\n\n') : text;
}

export function ChatMessageView({ message, streaming, onChoose }: { message: ChatMessage; streaming: boolean; onChoose?: (reply: string) => void }) {
  const choices = message.role === 'assistant' ? choicesOf(message) : [];
  const text = withoutChoiceList(
    message.parts
      .filter(isTextUIPart)
      .map((p) => p.text)
      .join(''),
    choices,
  );

  if (message.role === 'user') {
    return (
      <div className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-indigo-600 px-3.5 py-2 text-sm text-on-accent">
          <span className="sr-only">You: </span>
          {text}
        </div>
      </div>
    );
  }

  const views = toolViews(message).filter((v) => v.name !== 'ask_user');
  const approvals = approvalsOf(message, views);
  const model = message.metadata?.model;
  // Extended thinking (Claude with thinking on): every step's, in order, above the answer.
  const reasoning = message.parts
    .filter(isReasoningUIPart)
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join('\n\n');
  return (
    <article aria-label="Assistant reply" className="flex gap-3">
      <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-700" aria-hidden="true">
        <Sparkles className="size-4" />
      </span>
      <div className="min-w-0 flex-1 space-y-2">
        {reasoning ? <ThinkingBlock text={reasoning} streaming={streaming && !text} /> : null}
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
        {choices.length ? (
          <div role="group" aria-label="Choose an answer" className="flex flex-wrap gap-2">
            {choices.map((c) => (
              <Button key={c.label} size="sm" variant={c.label === 'Cancel' || c.label === 'No' || c.label === 'No thanks' ? 'ghost' : 'secondary'} disabled={!onChoose} onClick={() => onChoose?.(c.reply)} className="h-auto min-h-8 max-w-full whitespace-normal py-1 text-left">
                {c.label}
              </Button>
            ))}
          </div>
        ) : null}
        {approvals.map((a) => (
          <ApprovalCard key={a.id} id={a.id} summary={a.summary} />
        ))}
        {model ? <p className="text-xs text-zinc-500">Answered by {model}</p> : null}
      </div>
    </article>
  );
}
