// How a file's size and detected type read on screen: "12 KB", "1.4 MB", "PNG image", "PDF".

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${units[unit]}`;
}

const KNOWN: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'Text',
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/zip': 'ZIP archive',
  'application/gzip': 'GZIP archive',
  'application/x-7z-compressed': '7-Zip archive',
  'application/vnd.rar': 'RAR archive',
  'application/octet-stream': 'Binary file',
  'application/msword': 'Word document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.ms-excel': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.ms-powerpoint': 'PowerPoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/rtf': 'Rich text',
};

export function typeLabel(contentType: string): string {
  const known = KNOWN[contentType];
  if (known) return known;
  const [kind = '', sub = ''] = contentType.split('/');
  const short = sub.replace(/^(x-|vnd\.)/, '').split(/[.+;]/)[0]?.toUpperCase() || contentType;
  if (kind === 'image') return `${short} image`;
  if (kind === 'video') return `${short} video`;
  if (kind === 'audio') return `${short} audio`;
  return short;
}
