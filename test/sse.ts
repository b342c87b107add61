// Reads a text/event-stream response event by event (what an EventSource does), for tests of
// GET /api/v1/realtime in-process and over HTTP.
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
  /** Comment lines (heartbeats) seen since the previous event. */
  comments: string[];
}

export function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: SseEvent[] = [];
  let comments: string[] = [];
  const waiters: (() => void)[] = [];
  let done = false;

  void (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: '', comments: [] };
          let data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event:')) e.event = line.slice(6).trim();
            else if (line.startsWith('id:')) e.id = line.slice(3).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length === 0 && !block.split('\n').some((l) => l.startsWith('event:'))) continue; // a comment-only block
          e.data = data.join('\n');
          e.comments = comments;
          comments = [];
          data = [];
          events.push(e);
        }
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      /* cancelled */
    } finally {
      done = true;
      waiters.splice(0).forEach((w) => w());
    }
  })();

  return {
    events,
    /** Comment lines not yet attached to an event (heartbeats while nothing happens). */
    pendingComments: () => comments,
    /** Waits until `check` holds over what arrived so far (or fails after `ms`). */
    async until<T>(check: (events: SseEvent[]) => T | undefined | false, ms = 15_000): Promise<T> {
      const deadline = Date.now() + ms;
      for (;;) {
        const v = check(events);
        if (v) return v;
        if (done) throw new Error(`stream ended; events: ${JSON.stringify(events)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out; events: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}
