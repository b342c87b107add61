// The assistant as a right-side sheet on every signed-in page (header button or Ctrl/Cmd+J), and
// "Ask about this record" from detail pages, which opens it with that record as context.
import { Maximize2, Plus, X } from 'lucide-react';
import { Dialog as D } from 'radix-ui';
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button';
import { useMe } from '../auth/session';
import { ChatSession } from './chat-session';
import type { RecordContext } from './chat-view';

interface PanelState {
  open: boolean;
  sessionKey: string;
  conversationId?: string;
  context: RecordContext | null;
}

interface PanelApi {
  open: boolean;
  /** Opens the panel; with a record, a fresh chat about that record (unless it is the current one). */
  openPanel: (context?: RecordContext) => void;
  setOpen: (open: boolean) => void;
}

const PanelContext = createContext<PanelApi | null>(null);

export function useAssistantPanel(): PanelApi {
  const api = use(PanelContext);
  if (!api) throw new Error('useAssistantPanel() used outside <AssistantPanelProvider>');
  return api;
}

const newKey = () => crypto.randomUUID();

/** One panel per organization: switching organizations drops the other one's conversation. */
export function AssistantPanelProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  return <PanelProvider key={me.organization.id}>{children}</PanelProvider>;
}

function PanelProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<PanelState>(() => ({ open: false, sessionKey: newKey(), context: null }));

  const openPanel = useCallback((context?: RecordContext) => {
    setState((s) => {
      if (!context || (s.context?.id === context.id && s.context.type === context.type)) return { ...s, open: true };
      return { open: true, sessionKey: newKey(), conversationId: undefined, context };
    });
  }, []);
  const setOpen = useCallback((open: boolean) => setState((s) => ({ ...s, open })), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'j') {
        e.preventDefault();
        setState((s) => ({ ...s, open: !s.open }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const api = useMemo(() => ({ open: state.open, openPanel, setOpen }), [state.open, openPanel, setOpen]);
  return (
    <PanelContext value={api}>
      {children}
      <D.Root open={state.open} onOpenChange={setOpen}>
        <D.Portal>
          <D.Overlay className="fixed inset-0 z-40 bg-zinc-950/30" />
          <D.Content
            aria-describedby={undefined}
            onOpenAutoFocus={(e) => {
              // Straight into the message box, when the chat is ready for typing.
              const box = e.currentTarget instanceof HTMLElement ? e.currentTarget.querySelector('textarea') : null;
              if (box) {
                e.preventDefault();
                box.focus();
              }
            }}
            className="fixed inset-y-0 right-0 z-50 flex w-full flex-col border-l border-zinc-200 bg-zinc-50 shadow-xl sm:max-w-md"
          >
            <div className="flex h-14 shrink-0 items-center gap-1 border-b border-zinc-200 bg-white px-3">
              <D.Title className="flex-1 text-base font-semibold">Assistant</D.Title>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setState((s) => ({ ...s, sessionKey: newKey(), conversationId: undefined, context: null }))}
              >
                <Plus aria-hidden="true" /> New chat
              </Button>
              <Button asChild variant="ghost" size="icon" aria-label="Open the assistant page">
                <Link to="/assistant" onClick={() => setOpen(false)}>
                  <Maximize2 />
                </Link>
              </Button>
              <D.Close asChild>
                <Button variant="ghost" size="icon" aria-label="Close the assistant">
                  <X />
                </Button>
              </D.Close>
            </div>
            <ChatSession
              key={state.sessionKey}
              sessionKey={state.sessionKey}
              conversationId={state.conversationId}
              onConversationId={(id) => setState((s) => ({ ...s, conversationId: id }))}
              context={state.context}
              onClearContext={() => setState((s) => ({ ...s, context: null }))}
              className="min-h-0 flex-1"
            />
          </D.Content>
        </D.Portal>
      </D.Root>
    </PanelContext>
  );
}

export function AskAboutButton({ context }: { context: RecordContext }) {
  const { openPanel } = useAssistantPanel();
  return (
    <Button variant="secondary" onClick={() => openPanel(context)}>
      Ask about this record
    </Button>
  );
}
