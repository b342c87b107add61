// /assistant: the user's conversations on the left, the chat on the right, and above them any
// approvals still waiting (including ones MCP clients asked for).
import { MessageSquare, Plus } from 'lucide-react';
import { useState } from 'react';
import { PageHeader } from '../../components/app-shell';
import { ErrorState } from '../../components/data-table';
import { Button } from '../../components/ui/button';
import { Card, Skeleton } from '../../components/ui/misc';
import { cn, formatDateTime } from '../../lib/utils';
import { useApprovals, useConversations } from './assistant.queries';
import { ApprovalCard } from './approval-card';
import { ChatSession } from './chat-session';

interface Session {
  key: string;
  conversationId?: string;
}

function PendingApprovals({ exceptConversation }: { exceptConversation?: string }) {
  const pending = useApprovals('pending');
  // The current chat shows its own approvals inline.
  const others = (pending.data ?? []).filter((a) => !exceptConversation || a.conversationId !== exceptConversation);
  if (others.length === 0) return null;
  return (
    <section aria-labelledby="pending-approvals" className="mb-6">
      <h2 id="pending-approvals" className="mb-2 text-sm font-semibold">
        Waiting for your approval ({others.length})
      </h2>
      <div className="grid gap-2 md:grid-cols-2">
        {others.map((a) => (
          <ApprovalCard key={a.id} id={a.id} summary={a.summary} source={a.source} />
        ))}
      </div>
    </section>
  );
}

function ConversationList({ current, onSelect }: { current?: string; onSelect: (id: string) => void }) {
  const conversations = useConversations();
  if (conversations.isError) return <ErrorState error={conversations.error} onRetry={() => conversations.refetch()} />;
  if (conversations.isPending) {
    return (
      <div className="space-y-2 p-3" aria-busy="true">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (conversations.data.length === 0) return <p className="p-4 text-sm text-zinc-500">No conversations yet.</p>;
  return (
    <ul className="space-y-0.5 p-2">
      {conversations.data.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            onClick={() => onSelect(c.id)}
            aria-current={c.id === current ? 'true' : undefined}
            className={cn(
              'flex w-full flex-col rounded-md px-3 py-2 text-left text-sm hover:bg-zinc-100',
              c.id === current && 'bg-indigo-50 text-indigo-800 hover:bg-indigo-50',
            )}
          >
            <span className="w-full truncate font-medium">{c.title || 'Untitled'}</span>
            <span className="text-xs text-zinc-500">{formatDateTime(c.updatedAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function AssistantPage() {
  const [session, setSession] = useState<Session>(() => ({ key: crypto.randomUUID() }));
  const newChat = () => setSession({ key: crypto.randomUUID() });

  return (
    <>
      <PageHeader
        title="Assistant"
        description="Ask about your CRM or tell it what to change. Deletions wait for your approval."
        actions={
          <Button onClick={newChat}>
            <Plus aria-hidden="true" /> New chat
          </Button>
        }
      />
      <PendingApprovals exceptConversation={session.conversationId} />
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <Card className="max-h-56 overflow-y-auto lg:max-h-[calc(100vh-14rem)]">
          <nav aria-label="Conversations">
            <h2 className="flex items-center gap-2 border-b border-zinc-200 px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-zinc-500">
              <MessageSquare className="size-3.5" aria-hidden="true" /> Conversations
            </h2>
            <ConversationList current={session.conversationId} onSelect={(id) => setSession({ key: id, conversationId: id })} />
          </nav>
        </Card>
        <Card className="flex h-[70vh] flex-col overflow-hidden bg-zinc-50 lg:h-[calc(100vh-14rem)]" aria-label="Chat">
          <ChatSession
            key={session.key}
            sessionKey={session.key}
            conversationId={session.conversationId}
            onConversationId={(id) => setSession((s) => ({ ...s, conversationId: id }))}
            className="min-h-0 flex-1"
          />
        </Card>
      </div>
    </>
  );
}
