// A note's markdown, rendered without raw HTML (react-markdown never parses it into elements and
// rehype-raw is not used). Links keep only http(s) and app paths; images are not loaded.
import ReactMarkdown, { type Components } from 'react-markdown';
import { Link } from 'react-router';

export function safeUrl(url: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  return '';
}

const link = 'font-medium text-indigo-700 hover:underline';
const components: Components = {
  a: ({ href, children }) =>
    !href ? (
      <span>{children}</span>
    ) : href.startsWith('/') ? (
      <Link to={href} className={link}>{children}</Link>
    ) : (
      <a href={href} target="_blank" rel="noreferrer noopener" className={link}>{children}</a>
    ),
  p: ({ node: _node, ...props }) => <p className="my-1.5 first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-1.5 list-disc space-y-0.5 pl-5" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-1.5 list-decimal space-y-0.5 pl-5" {...props} />,
  code: ({ node: _node, ...props }) => <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em]" {...props} />,
  pre: ({ node: _node, ...props }) => <pre className="my-2 overflow-x-auto rounded bg-zinc-100 p-2 text-xs" {...props} />,
  blockquote: ({ node: _node, ...props }) => <blockquote className="my-1.5 border-l-2 border-zinc-300 pl-3 text-zinc-600" {...props} />,
  h1: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <p className="mt-2 font-semibold" {...props} />,
};

export function NoteMarkdown({ text }: { text: string }) {
  return (
    <div className="break-words text-sm leading-relaxed text-zinc-900">
      <ReactMarkdown components={components} urlTransform={safeUrl} disallowedElements={['img']} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
