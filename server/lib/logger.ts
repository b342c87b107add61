import pino from 'pino';

export function createLogger(level: string) {
  // Never log secrets: headers and bodies are not logged; these paths are redacted if a caller slips.
  return pino({ level, redact: ['*.authorization', '*.cookie', '*.password', '*.apiKey', '*.key', '*.secret'] });
}
export type { Logger } from 'pino';
