import { afterAll } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../server/test/support/http-receiver.ts';
import { type SmtpInbox, startSmtpInbox } from '../../server/test/support/smtp-inbox.ts';
import { useDashboardInBrowser } from './e2e-support.ts';

/**
 * The dashboard in Chromium against a server whose notifications reach real local receivers: an
 * HTTP receiver (allowed as an outbound host) for webhooks, Slack and Teams, and an SMTP inbox.
 * Alerts are grouped for 1 s and conditions checked every 0.5 s, so tests wait seconds, not minutes.
 */
export function useDashboardWithReceivers(receiverAnswer?: Parameters<typeof startHttpReceiver>[0]) {
  let receiver: HttpReceiver | undefined;
  let inbox: SmtpInbox | undefined;
  const dashboard = useDashboardInBrowser(async () => {
    receiver = await startHttpReceiver(receiverAnswer);
    inbox = await startSmtpInbox();
    return {
      OUTBOUND_ALLOW_HOSTS: receiver.host,
      SMTP_URL: inbox.url,
      MAIL_FROM: 'TCPA Alerts <alerts@tcpa.test>',
      DELIVERY_TIMEOUT_SECONDS: '3',
      ALERT_GROUP_WAIT_SECONDS: '1',
      ALERT_CHECK_SECONDS: '0.5',
    };
  });
  afterAll(async () => {
    await Promise.all([receiver?.close(), inbox?.close()]);
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('not started yet (use it inside a test)');
    return value;
  };
  return {
    get server() {
      return dashboard.server;
    },
    get browser() {
      return dashboard.browser;
    },
    get receiver() {
      return started(receiver);
    },
    get inbox() {
      return started(inbox);
    },
  };
}
