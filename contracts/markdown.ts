// Markdown reduced to its words, for one-line places (search titles and snippets, timeline
// excerpts, the assistant's record titles): **bold**, _emphasis_, `code`, [links](…), images,
// headings, bullets and quotes lose their syntax. `keepBold` leaves **…** in place for callers
// that show it (search marks matched words the same way). Text only: never parsed into HTML.
export function markdownToPlain(text: string, { keepBold = false } = {}): string {
  let s = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)]|>)\s+/gm, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/__([^_\n]+)__/g, '$1')
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,;:!?]|$)/g, '$1$2');
  if (!keepBold) s = s.replace(/\*\*([^*\n]+)\*\*/g, '$1').replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,;:!?]|$)/g, '$1$2');
  return s.replace(/\s+/g, ' ').trim();
}
