import { describe, expect, it } from 'vitest';
import { RealtimeClient } from '../src/realtime/realtime-client.ts';

const projectId = '00000000-0000-4000-8000-0000000000aa';
const ready = { type: 'ready', userId: '00000000-0000-4000-8000-000000000001', companyId: projectId };

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: any[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RealtimeClient', () => {
  it('authenticates first, subscribes after ready, answers pings, and resubscribes after a reconnect with backoff', async () => {
    FakeSocket.all = [];
    const timers: Array<{ run: () => void; ms: number }> = [];
    const tokenRequests: boolean[] = [];
    const client = new RealtimeClient({
      url: 'ws://example.test',
      getToken: async (stale) => {
        tokenRequests.push(stale);
        return stale ? 'fresh-token' : 'token';
      },
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      backoffMs: (attempt) => 100 * 2 ** attempt,
      setTimer: (run, ms) => timers.push({ run, ms }),
      clearTimer: () => undefined,
    });
    const states: string[] = [];
    client.onState((state) => states.push(state));
    const received: string[] = [];
    client.onMessage((message) => received.push(message.type));
    client.subscribe(projectId);
    client.start();
    await flush();

    const first = FakeSocket.all[0] as FakeSocket;
    expect(first.url).toBe('ws://example.test/api/v1/ws');
    first.open();
    expect(first.sent).toEqual([{ type: 'auth', token: 'token' }]);
    first.receive(ready);
    expect(first.sent[1]).toEqual({ type: 'subscribe', projectId });
    first.receive({ type: 'ping', id: 7 });
    expect(first.sent[2]).toEqual({ type: 'pong', id: 7 });
    first.receive({ type: 'nonsense' });
    expect(received).toEqual(['ready']);

    // The server refuses the token (expired): reconnect after backoff with a refreshed one.
    first.drop(4401);
    expect(client.state).toBe('offline');
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers.shift()?.run();
    await flush();
    const second = FakeSocket.all[1] as FakeSocket;
    second.open();
    expect(second.sent[0]).toEqual({ type: 'auth', token: 'fresh-token' });
    expect(tokenRequests).toEqual([false, true]);
    second.drop(1006);
    expect(timers.map((t) => t.ms)).toEqual([200]);
    timers.shift()?.run();
    await flush();
    const third = FakeSocket.all[2] as FakeSocket;
    third.open();
    third.receive(ready);
    expect(third.sent).toEqual([
      { type: 'auth', token: 'token' },
      { type: 'subscribe', projectId },
    ]);
    expect(states).toEqual(['connecting', 'open', 'offline', 'connecting', 'offline', 'connecting', 'open']);

    client.stop();
    expect(client.state).toBe('offline');
  });
});
