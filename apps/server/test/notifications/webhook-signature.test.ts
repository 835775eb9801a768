import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postOutbound } from '../../src/features/notifications/outbound-request.ts';
import { newWebhookSecret, signedWebhookHeaders } from '../../src/features/notifications/webhook-signature.ts';
import { type HttpReceiver, startHttpReceiver } from '../support/http-receiver.ts';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

/** The headers as a receiver reads them (node lower-cases names; every one here is a single value). */
function receivedHeaders(index: number): Record<string, string> {
  return Object.fromEntries(Object.entries(receiver.requests[index]?.headers ?? {}).map(([k, v]) => [k, String(v)]));
}

it('makes distinct whsec_ secrets of 32 random bytes', () => {
  const secret = newWebhookSecret();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
  expect(newWebhookSecret()).not.toBe(secret);
});

it('signs so that a receiver verifies the body it got, and refuses a tampered one or another secret', async () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ type: 'alert.opened', data: { title: 'Agent "web-1" offline' } });
  const headers = signedWebhookHeaders(secret, 'msg_2f1c', new Date(), body);
  expect(headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'tcpa-webhooks/1' });
  await postOutbound(`${receiver.url}/webhook`, body, headers, { allowHosts: [receiver.host] });
  const [request] = await receiver.waitForRequests(1);
  const got = receivedHeaders(0);
  expect(got['webhook-id']).toBe('msg_2f1c');
  expect(new Webhook(secret).verify(request?.body ?? '', got)).toEqual(JSON.parse(body));
  expect(() => new Webhook(secret).verify(body.replace('web-1', 'web-2'), got)).toThrow(/No matching signature/);
  expect(() => new Webhook(newWebhookSecret()).verify(body, got)).toThrow(/No matching signature/);
});

it('gives the timestamp in seconds, which receivers refuse when too old', () => {
  const secret = newWebhookSecret();
  const then = new Date(Date.now() - 60 * 60 * 1000);
  const headers = signedWebhookHeaders(secret, 'msg_old', then, '{}');
  expect(headers['webhook-timestamp']).toBe(String(Math.floor(then.getTime() / 1000)));
  expect(() => new Webhook(secret).verify('{}', headers)).toThrow(/too old/);
});
