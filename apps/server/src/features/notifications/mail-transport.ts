import { createTransport } from 'nodemailer';

/** Sends email through the SMTP server of SMTP_URL. */
export interface MailTransport {
  /** Several recipients are sent a blind copy each: none sees who else got it. */
  send(mail: { recipients: string[]; subject: string; text: string; html: string }): Promise<{
    messageId: string;
    /** The server's last reply, e.g. `250 2.0.0 OK queued as 4f1a`. */
    response: string;
  }>;
  /** Closes the pooled connections. */
  close(): void;
}

/** A failed send: the SMTP reply code when the server gave one (5xx: permanent, 4xx: try again later). */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(
    message: string,
    readonly responseCode: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Waits for a slow server no longer than this at each step (connect, greeting, each reply). */
const SMTP_TIMEOUT_MS = 10_000;

/**
 * The mail transport of SMTP_URL (`smtps://user:password@host:465`, `smtp://host:587` with
 * STARTTLS when the server offers it), or undefined when SMTP_URL is not set (email is off).
 */
export function createMailTransport(config: {
  smtpUrl: string | undefined;
  mailFrom: string;
}): MailTransport | undefined {
  if (!config.smtpUrl) return undefined;
  const transporter = createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: 3,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    async send({ recipients, ...content }) {
      try {
        const info = await transporter.sendMail({ from: config.mailFrom, ...addressing(recipients), ...content });
        return { messageId: info.messageId, response: info.response };
      } catch (error) {
        const { message, responseCode, code } = error as Error & { responseCode?: number; code?: string };
        throw new MailSendError(message, responseCode, code);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/** One recipient is named in To; several go in Bcc (left out of the sent headers) under an empty group. */
function addressing(recipients: string[]): { to: string | string[]; bcc?: string[] } {
  return recipients.length === 1 ? { to: recipients } : { to: 'undisclosed-recipients:;', bcc: recipients };
}
