import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { findPart, type MimePart, parseMime } from './mime-message.ts';

/** One email as the inbox received it. */
export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header values, decoded; text and html with LF line ends. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  mime: MimePart;
  raw: string;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 at a free port, without TLS or authentication
 * required, keeping every message it accepts.
 */
export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>`, as SMTP_URL. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message matching, once it has arrived. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** The next message is refused with this SMTP reply, e.g. (550, 'mailbox unavailable'). */
  refuseNext(responseCode: number, message: string): void;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  const refusals: { responseCode: number; message: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // close() waits for open connections this long (30 s by default) before cutting them.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const mime = parseMime(raw);
        messages.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          from: mime.headers.from ?? '',
          to: mime.headers.to ?? '',
          subject: mime.headers.subject ?? '',
          // SMTP carries CRLF line ends; a reader sees lines.
          text: (findPart(mime, 'text/plain')?.body ?? '').replace(/\r\n/g, '\n'),
          html: (findPart(mime, 'text/html')?.body ?? '').replace(/\r\n/g, '\n'),
          mime,
          raw,
        });
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await once(listening, 'listening');
  const { port } = listening.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching email among ${messages.length} received`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    refuseNext: (responseCode, message) => {
      refusals.push({ responseCode, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
