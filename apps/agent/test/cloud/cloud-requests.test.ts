import type { AgentMessage, CloudReplyMessage, CloudRequestMessage } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { CloudRequestError, CloudRequests, MAX_CLOUD_REQUESTS_IN_FLIGHT } from '../../src/cloud/cloud-requests.ts';

const TRANSFER = '0b9f5f0e-4a43-4c4e-9d0e-2f1a8d2c0b11';
const statOp = { op: 'stat' as const, keys: ['a.txt'] };
const statResult = { objects: [{ key: 'a.txt', exists: false, sizeBytes: null, sha256Hex: null }] };

/** CloudRequests whose messages land in `sent`, answered by the test with `reply`. */
function harness(options: { connected?: () => boolean; timeoutMs?: number } = {}) {
  const sent: CloudRequestMessage[] = [];
  const requests = new CloudRequests({
    send: (message: AgentMessage) => {
      if (options.connected && !options.connected()) return false;
      if (message.type === 'cloud_request') sent.push(message);
      return true;
    },
    backoffMs: () => 10,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const reply = (index: number, answer: Omit<CloudReplyMessage, 'type' | 'requestId'>) =>
    requests.handleReply({ type: 'cloud_reply', requestId: (sent[index] as CloudRequestMessage).requestId, ...answer });
  return { requests, sent, reply };
}

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the agent end of cloud_request / cloud_reply', () => {
  it('resolves with the checked result, and asks again after throttled (waiting as told) and unavailable', async () => {
    const { requests, sent, reply } = harness();
    const answer = requests.request(TRANSFER, 2, statOp);
    await tick();
    expect(sent[0]).toMatchObject({ type: 'cloud_request', transferId: TRANSFER, attempt: 2, operation: statOp });
    const throttledAt = Date.now();
    reply(0, { error: { code: 'throttled', message: 'slow down', retryAfterMs: 200 } });
    await tick(100);
    expect(sent).toHaveLength(1); // still waiting the 200 ms the store asked for
    await tick(200);
    expect(sent).toHaveLength(2);
    expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(200);
    reply(1, { error: { code: 'unavailable', message: 'store down' } });
    await tick(50);
    reply(2, { result: statResult });
    await expect(answer).resolves.toEqual(statResult);
  });

  it('rejects a result that does not match the operation, and ends on stopped or a refusal', async () => {
    const { requests, reply } = harness();
    const wrong = requests.request(TRANSFER, 1, statOp);
    const stopped = requests.request(TRANSFER, 1, statOp);
    const denied = requests.request(TRANSFER, 1, statOp);
    await tick();
    reply(0, { result: { objects: 'nope' } });
    reply(1, { error: { code: 'stopped', message: 'attempt over' } });
    reply(2, { error: { code: 'access_denied', message: 'no' } });
    await expect(wrong).rejects.toMatchObject({ code: 'bad_reply' });
    await expect(stopped).rejects.toMatchObject({ code: 'stopped' });
    await expect(denied).rejects.toBeInstanceOf(CloudRequestError);
  });

  it('keeps at most 16 requests in flight; the rest wait their turn', async () => {
    const { requests, sent, reply } = harness();
    const answers = Array.from({ length: 20 }, () => requests.request(TRANSFER, 1, statOp));
    await tick();
    expect(sent).toHaveLength(MAX_CLOUD_REQUESTS_IN_FLIGHT);
    reply(0, { result: statResult });
    await tick();
    expect(sent).toHaveLength(17);
    for (let index = 1; index < 20; index++) {
      await tick(1);
      reply(index, { result: statResult });
    }
    await expect(Promise.all(answers)).resolves.toHaveLength(20);
  });

  it('asks again after a lost connection and after a reply that never came', async () => {
    let connected = true;
    const { requests, sent, reply } = harness({ connected: () => connected, timeoutMs: 100 });
    const answer = requests.request(TRANSFER, 1, statOp);
    await tick();
    requests.connectionLost(); // the reply to sent[0] will never come
    connected = false;
    await tick(50);
    connected = true;
    await tick(50);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    // No reply to this one either: it times out and goes again.
    const before = sent.length;
    await tick(200);
    expect(sent.length).toBeGreaterThan(before);
    reply(sent.length - 1, { result: statResult });
    await expect(answer).resolves.toEqual(statResult);
  });
});
