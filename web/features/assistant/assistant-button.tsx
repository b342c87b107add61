// The top bar's Assistant button: opens the side panel (also Ctrl/Cmd+J).
import { Sparkles } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { useAssistantPanel } from './assistant-panel';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function AssistantButton() {
  const { open, openPanel } = useAssistantPanel();
  return (
    <Button variant="secondary" size="sm" onClick={() => openPanel()} aria-expanded={open} aria-keyshortcuts={isMac ? 'Meta+J' : 'Control+J'} title={`Assistant (${isMac ? '⌘' : 'Ctrl+'}J)`}>
      <Sparkles aria-hidden="true" />
      <span className="hidden sm:inline">Assistant</span>
      <span className="sr-only sm:hidden">Assistant</span>
      <kbd aria-hidden="true" className="hidden rounded border border-zinc-200 bg-zinc-50 px-1 font-sans text-[10px] text-zinc-500 md:inline">{isMac ? '⌘J' : 'Ctrl J'}</kbd>
    </Button>
  );
}
