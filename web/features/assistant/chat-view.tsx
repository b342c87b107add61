// The chat: useChat streaming from POST /api/v1/assistant/chat. The server keeps the history, so a
// request carries only the newest message, the conversation id once known, and the record in view.
import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { AlertTriangle, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/ui/button';
import { cn } from '../../lib/utils';
import { refreshAfterAssistant, type ChatMessage } from './assistant.queries';
import { ChatComposer } from './chat-composer';
import { ChatEmptyState } from './chat-empty';
import { ChatMessageView } from './chat-message';

export interface RecordContext {
  type: 'contact' | 'company' | 'deal' | 'lead' | 'project' | 'campaign';
  id: string;
  label: string;
}

interface ChatViewProps {
  sessionKey: string;
  initialMessages: ChatMessage[];
  conversationId?: string;
  onConversationId?: (id: string) => void;
  context?: RecordContext | null;
  onClearContext?: () => void;
  className?: string;
}

/** The transport reports failures as the response text, which for our API is a JSON error body. */
function readableError(error: Error) {
  try {
    const body: unknown = JSON.parse(error.message);
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // Plain text (a provider failure streamed by the server): show as is.
  }
  return error.message || 'The assistant could not answer.';
}

export function ChatView({ sessionKey, initialMessages, conversationId, onConversationId, context, onClearContext, className }: ChatViewProps) {
  const [input, setInput] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The transport is built once; these refs give it the current values at send time.
  const conversationRef = useRef(conversationId);
  const contextRef = useRef(context);
  const onIdRef = useRef(onConversationId);
  useEffect(() => {
    contextRef.current = context;
    onIdRef.current = onConversationId;
  });

  const transport = useMemo(() => {
    const remember = (id: string | null | undefined) => {
      if (!id || id === conversationRef.current) return;
      conversationRef.current = id;
      onIdRef.current?.(id);
    };
    return new DefaultChatTransport<ChatMessage>({
      api: '/api/v1/assistant/chat',
      credentials: 'same-origin',
      prepareSendMessagesRequest: ({ messages }) => {
        const ctx = contextRef.current;
        return {
          body: {
            messages: messages.slice(-1),
            conversationId: conversationRef.current,
            context: ctx ? { type: ctx.type, id: ctx.id } : undefined,
            // "tomorrow", "this month" in the user's own time zone.
            timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          },
        };
      },
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        remember(res.headers.get('x-conversation-id'));
        return res;
      },
    });
  }, []);

  const chat = useChat<ChatMessage>({
    id: sessionKey,
    messages: initialMessages,
    transport,
    onFinish: ({ message }) => {
      const id = message.metadata?.conversationId;
      if (id && id !== conversationRef.current) {
        conversationRef.current = id;
        onIdRef.current?.(id);
      }
      refreshAfterAssistant();
    },
  });
  const busy = chat.status === 'submitted' || chat.status === 'streaming';

  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [chat.messages, chat.status]);

  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) inputRef.current?.focus();
    wasBusy.current = busy;
  }, [busy]);

  function send() {
    const text = input.trim();
    if (!text || busy) return;
    setInput('');
    void chat.sendMessage({ text });
  }

  const last = chat.messages[chat.messages.length - 1];
  return (
    <div className={cn('flex min-h-0 flex-col', className)}>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto">
        {chat.messages.length === 0 ? (
          <ChatEmptyState
            onPick={(text) => {
              setInput(text);
              inputRef.current?.focus();
            }}
          />
        ) : (
          <div role="log" aria-label="Conversation" aria-busy={busy} className="space-y-5 p-4">
            {chat.messages.map((m) => (
              <ChatMessageView key={m.id} message={m} streaming={busy && m === last} onChoose={m === last && !busy ? (reply) => void chat.sendMessage({ text: reply }) : undefined} />
            ))}
            {chat.status === 'submitted' && last?.role === 'user' ? <p className="pl-10 text-sm text-zinc-500">Thinking…</p> : null}
          </div>
        )}
      </div>
      {chat.error ? (
        <div role="alert" className="mx-3 mb-2 flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span className="flex-1">{readableError(chat.error)}</span>
          <Button variant="ghost" size="sm" className="h-6 px-2 text-red-700" onClick={() => chat.clearError()}>
            Dismiss
          </Button>
        </div>
      ) : null}
      {context ? (
        <div className="flex items-center gap-2 border-t border-zinc-200 bg-white px-3 pt-2 text-xs">
          <span className="inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pl-2.5 pr-1 font-medium text-indigo-800 ring-1 ring-inset ring-indigo-200">
            <span className="truncate">About: {context.label}</span>
            {onClearContext ? (
              <button type="button" onClick={onClearContext} aria-label={`Stop asking about ${context.label}`} className="rounded-full p-0.5 hover:bg-indigo-100">
                <X className="size-3" aria-hidden="true" />
              </button>
            ) : null}
          </span>
        </div>
      ) : null}
      <ChatComposer value={input} onChange={setInput} onSend={send} onStop={() => void chat.stop()} busy={busy} inputRef={inputRef} />
    </div>
  );
}
