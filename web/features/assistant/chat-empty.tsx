// What a new chat shows: with the offline command model, what it understands (clickable examples);
// otherwise which model answers.
import { Sparkles } from 'lucide-react';
import { Link } from 'react-router';
import { isAdmin, useMe } from '../auth/session';
import { useMyAi } from './assistant.queries';

export const EXAMPLE_COMMANDS = [
  'add contact Ada Lovelace, CTO at Acme, ada@acme.com',
  'new company Initech in software',
  'show contacts at Acme',
  'what do we know about Acme?',
  'help',
];

export function ChatEmptyState({ onPick }: { onPick: (text: string) => void }) {
  const me = useMe();
  const ai = useMyAi();
  const offline = ai.data?.provider === 'offline';
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-3 px-4 py-8 text-center">
      <span className="flex size-10 items-center justify-center rounded-full bg-indigo-50 text-indigo-700" aria-hidden="true">
        <Sparkles className="size-5" />
      </span>
      <h2 className="text-base font-semibold">Ask Meridian</h2>
      {ai.isPending ? (
        <p className="text-sm text-zinc-500">Checking which model answers…</p>
      ) : offline ? (
        <>
          <p className="text-sm text-zinc-600">
            No AI provider is connected, so the <strong>offline command model</strong> answers: it runs on this server, needs no API key, and follows short
            commands like these.
          </p>
          <ul className="flex flex-wrap justify-center gap-2" aria-label="Example commands">
            {EXAMPLE_COMMANDS.map((c) => (
              <li key={c}>
                <button
                  type="button"
                  onClick={() => onPick(c)}
                  className="rounded-full border border-zinc-300 bg-white px-3 py-1 text-xs text-zinc-700 shadow-sm hover:border-indigo-300 hover:bg-indigo-50"
                >
                  {c}
                </button>
              </li>
            ))}
          </ul>
          <p className="text-xs text-zinc-500">
            {isAdmin(me.role) ? (
              <>
                Connect Anthropic, OpenAI, Google or a local model in{' '}
                <Link to="/settings/ai" className="text-indigo-700 hover:underline">
                  Settings → AI
                </Link>
                .
              </>
            ) : (
              <>
                An admin can connect a full AI model, or you can set your own in{' '}
                <Link to="/settings/ai" className="text-indigo-700 hover:underline">
                  Settings → AI
                </Link>
                .
              </>
            )}
          </p>
        </>
      ) : ai.data ? (
        <p className="text-sm text-zinc-600">
          Answering with <strong>{ai.data.label}</strong>. Ask about your contacts and companies, or tell it what to change.
        </p>
      ) : (
        <p className="text-sm text-zinc-600">Ask about your contacts and companies, or tell it what to change.</p>
      )}
    </div>
  );
}
