// Search snippets: matched words (marked **…** by the server) as <mark>, the rest as plain text —
// markdown syntax from record bodies is reduced to its words (lib/format.ts snippetParts).
import { snippetParts } from '../../lib/format';

export function Snippet({ text }: { text: string }) {
  return (
    <>
      {snippetParts(text, { enums: true }).map((part, i) =>
        part.mark ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
