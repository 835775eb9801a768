import { expect } from 'vitest';
import { type LiveServer, startLiveServer } from '../live-server.ts';
import { type ReceivedMail, type SmtpInbox, startSmtpInbox } from './smtp-inbox.ts';

export const PUBLIC_URL = 'https://tcpa.example.com';

/** The real server (with its delivery worker) sending to a real local SMTP server. */
export interface AccountMail {
  server: LiveServer;
  inbox: SmtpInbox;
  /** A POST with its answer's headers (Retry-After), as a person's browser would see them. */
  post(path: string, body: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }>;
  /** The first email to `to` whose subject matches, once it has arrived. */
  mailTo(to: string, subject: RegExp): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startAccountMail(env: Record<string, string> = {}): Promise<AccountMail> {
  const inbox = await startSmtpInbox();
  const server = await startLiveServer({
    SMTP_URL: inbox.url,
    MAIL_FROM: 'TCPA <no-reply@tcpa.test>',
    PUBLIC_URL,
    ...env,
  });
  return {
    server,
    inbox,
    async post(path, body, token) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
    mailTo: (to, subject) =>
      inbox.waitFor((mail) => mail.envelopeTo.includes(to) && subject.test(mail.subject), 15_000),
    async close() {
      await server.close();
      await inbox.close();
    },
  };
}

/**
 * The link to `page` the email carries, checked to be in both its text and its HTML part (where
 * it is the button's href), and the token in it.
 */
export function linkIn(mail: ReceivedMail, page: string): { link: string; token: string } {
  const pattern = new RegExp(`${PUBLIC_URL}/${page}\\?token=([A-Za-z0-9_%-]+)`);
  const found = pattern.exec(mail.text);
  expect(found, `a ${page} link in:\n${mail.text}`).not.toBeNull();
  const link = found?.[0] ?? '';
  expect(mail.html).toContain(`href="${link}"`);
  return { link, token: decodeURIComponent(found?.[1] ?? '') };
}
