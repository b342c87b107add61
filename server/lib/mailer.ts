// Outbound email over SMTP (nodemailer). Without SMTP_URL there is no mailer and callers fall back
// to showing links in the UI (invitations, admin-triggered password resets).
import type { Logger } from 'pino';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative (campaign mails: tracked links and the open pixel). */
  html?: string;
  /** Extra headers (campaign mails: List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** Files sent along (a calendar invitation's .ics). */
  attachments?: { filename: string; content: string; contentType: string }[];
}
export type Mailer = ((mail: Mail) => Promise<void>) | null;

export function createMailer(smtpUrl: string | undefined, from: string, log: Logger): Mailer {
  if (!smtpUrl) return null;
  // nodemailer is imported with the first email, not at start-up.
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  return async (mail) => {
    transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
    await (await transport).sendMail({ from, ...mail });
    log.info({ to: mail.to, subject: mail.subject }, 'email sent');
  };
}
