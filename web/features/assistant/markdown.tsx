// Assistant replies are markdown. react-markdown renders without raw HTML (skipped) and drops
// unsafe link protocols; images are not loaded (record text could point them anywhere), their alt
// text shows instead. App paths such as /contacts/<id> become router links, others open in a new tab.
import ReactMarkdown, { type Components } from 'react-markdown';
import { Link } from 'react-router';

const components: Components = {
  a: ({ href, children }) =>
    href?.startsWith('/') && !href.startsWith('//') ? (
      <Link to={href} className="font-medium text-indigo-700 hover:underline">
        {children}
      </Link>
    ) : (
      <a href={href} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-700 hover:underline">
        {children}
      </a>
    ),
  p: ({ node: _node, ...props }) => <p className="my-1.5 first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-1.5 list-disc space-y-0.5 pl-5" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-1.5 list-decimal space-y-0.5 pl-5" {...props} />,
  code: ({ node: _node, ...props }) => <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em]" {...props} />,
  pre: ({ node: _node, ...props }) => <pre className="my-2 overflow-x-auto rounded bg-zinc-100 p-2 text-xs" {...props} />,
  h1: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="text-left text-xs [&_td]:border-t [&_td]:border-zinc-200 [&_td]:px-2 [&_td]:py-1 [&_th]:px-2 [&_th]:py-1" {...props} />
    </div>
  ),
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="break-words text-sm leading-relaxed text-zinc-900">
      <ReactMarkdown components={components} skipHtml disallowedElements={['img']} unwrapDisallowed>
        {text}
      </ReactMarkdown>
    </div>
  );
}
