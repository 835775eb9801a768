import type { SecretBox } from '../../auth/secret-box.ts';
import { type ClaimedDelivery, channelContext, deliveryContext } from './delivery-queue.sql.ts';
import type { SendResult } from './delivery-worker.ts';
import type { EmailContent } from './email-message.ts';
import type { MailTransport } from './mail-transport.ts';
import { type OutboundPolicy, OutboundRefusedError, postOutbound } from './outbound-request.ts';
import { signedWebhookHeaders } from './webhook-signature.ts';

export interface DeliverySenderOptions {
  secretBox: SecretBox;
  policy: OutboundPolicy;
  /** Undefined when SMTP_URL is unset: email is then refused, saying so. */
  mail: MailTransport | undefined;
  timeoutMs: number;
}

/** A transactional email's payload: an invitation or password reset says to whom. */
type EmailPayload = EmailContent & { to?: string[] };

/** Makes one attempt at a claimed delivery, over SMTP or HTTPS as its kind says. */
export function createDeliverySender(
  options: DeliverySenderOptions,
): (delivery: ClaimedDelivery) => Promise<SendResult> {
  return async (delivery) => {
    if (delivery.channel_id && delivery.channel_enabled === false) return refused('the channel is disabled');
    const payload = payloadOf(delivery, options.secretBox);
    if (payload === undefined) return refused("the message cannot be decrypted with this server's secret key");
    if (delivery.kind === 'email') return sendEmail(delivery, payload as EmailPayload, options.mail);
    const url =
      delivery.url_sealed &&
      options.secretBox.open(delivery.url_sealed, channelContext(delivery.channel_id ?? '', 'url'));
    if (!url) return refused("the channel's URL cannot be decrypted with this server's secret key");
    const body = JSON.stringify(payload);
    let headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'tcpa-notifications/1' };
    if (delivery.kind === 'webhook') {
      const secret =
        delivery.secret_sealed &&
        options.secretBox.open(delivery.secret_sealed, channelContext(delivery.channel_id ?? '', 'secret'));
      if (!secret) return refused("the endpoint's signing secret cannot be decrypted with this server's secret key");
      headers = signedWebhookHeaders(secret, delivery.id, new Date(), body);
    }
    try {
      const response = await postOutbound(url, body, headers, options.policy, { timeoutMs: options.timeoutMs });
      const ok = response.status >= 200 && response.status < 300;
      return ok
        ? { ok, statusCode: response.status, responseExcerpt: response.excerpt }
        : {
            ok,
            retry: true,
            statusCode: response.status,
            responseExcerpt: response.excerpt,
            error: `the endpoint answered ${response.status}`,
          };
    } catch (error) {
      if (error instanceof OutboundRefusedError) return refused(error.message);
      throw error;
    }
  };
}

function payloadOf(delivery: ClaimedDelivery, secretBox: SecretBox): unknown {
  if (delivery.payload !== null && delivery.payload !== undefined) return delivery.payload;
  if (!delivery.payload_sealed) return undefined;
  const opened = secretBox.open(delivery.payload_sealed, deliveryContext(delivery.id));
  return opened === undefined ? undefined : JSON.parse(opened);
}

async function sendEmail(delivery: ClaimedDelivery, payload: EmailPayload, mail: MailTransport | undefined) {
  if (!mail) return refused('email is not set up on this server: set SMTP_URL (and MAIL_FROM)');
  const recipients = delivery.channel_id ? (delivery.recipients ?? []) : (payload.to ?? []);
  if (recipients.length === 0) return refused('the email has no recipients');
  try {
    const sent = await mail.send({ recipients, subject: payload.subject, text: payload.text, html: payload.html });
    return { ok: true as const, statusCode: null, responseExcerpt: sent.response };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx is the mail server's final no (a bad address); anything else may pass.
    return {
      ok: false as const,
      retry: !(code && code >= 500),
      statusCode: code ?? null,
      responseExcerpt: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

const refused = (error: string): SendResult => ({
  ok: false,
  retry: false,
  statusCode: null,
  responseExcerpt: null,
  error,
});
