// Loads a stored conversation into the chat (or starts an empty one). Mount it with a React key per
// session: a new key is a fresh chat; the conversation id given at mount is the one loaded.
import { useState } from 'react';
import { ErrorState } from '../../components/data-table';
import { Skeleton } from '../../components/ui/misc';
import { useConversation, type ChatMessage, type Conversation } from './assistant.queries';
import { ChatView, type RecordContext } from './chat-view';

/** Stored messages as UI messages: tool calls become `tool-<name>` parts before the reply text. */
export function toUIMessages(conversation: Conversation): ChatMessage[] {
  return conversation.messages.map((m) => ({
    id: m.id,
    role: m.role,
    metadata: m.model ? { model: m.model } : undefined,
    parts: [
      ...(m.reasoning ? [{ type: 'reasoning' as const, text: m.reasoning, state: 'done' as const }] : []),
      ...m.toolCalls.map((call, i) =>
        call.status === 'error'
          ? { type: `tool-${call.name}` as const, toolCallId: `${m.id}-${i}`, state: 'output-error' as const, input: call.input, errorText: errorText(call.output) }
          : { type: `tool-${call.name}` as const, toolCallId: `${m.id}-${i}`, state: 'output-available' as const, input: call.input, output: call.output },
      ),
      ...(m.text ? [{ type: 'text' as const, text: m.text }] : []),
    ],
  }));
}

function errorText(output: unknown) {
  if (typeof output === 'object' && output !== null && 'error' in output && typeof output.error === 'string') return output.error;
  return 'The tool failed';
}

interface ChatSessionProps {
  sessionKey: string;
  conversationId?: string;
  onConversationId?: (id: string) => void;
  context?: RecordContext | null;
  onClearContext?: () => void;
  className?: string;
}

export function ChatSession({ conversationId, ...props }: ChatSessionProps) {
  // Only the id at mount is loaded; an id learned from the first reply belongs to this live chat.
  const [loadId] = useState(conversationId);
  const conversation = useConversation(loadId);
  if (loadId && conversation.isError) {
    return (
      <div className="p-4">
        <ErrorState error={conversation.error} onRetry={() => conversation.refetch()} />
      </div>
    );
  }
  if (loadId && !conversation.data) {
    return (
      <div aria-busy="true" className="space-y-4 p-4">
        <span className="sr-only">Loading the conversation…</span>
        <Skeleton className="ml-auto h-8 w-1/2" />
        <Skeleton className="h-16 w-3/4" />
      </div>
    );
  }
  return <ChatView {...props} conversationId={conversationId} initialMessages={conversation.data ? toUIMessages(conversation.data) : []} />;
}
