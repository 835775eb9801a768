import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A signing secret for one webhook channel, as Standard Webhooks writes it: `whsec_` + 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Headers of a signed webhook POST (https://www.standardwebhooks.com): the receiver checks them
 * with any Standard Webhooks library, e.g. `new Webhook(secret).verify(body, headers)`.
 * `messageId` stays the same across retries of one delivery, so receivers can drop duplicates.
 */
export function signedWebhookHeaders(
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
    'content-type': 'application/json',
    'user-agent': 'tcpa-webhooks/1',
  };
}
