import { connect, createServer, type Server, type Socket } from 'node:net';
import {
  DATA_CHANNEL_VERSION,
  type DestinationFrame,
  DestinationFrameSchema,
  type SourceFrame,
  SourceFrameSchema,
} from '@tcpa/contracts/data-channel';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FrameSocket } from '../../src/transfer/frame-socket.ts';

// The `@ts-expect-error` lines below are checked by tsc (`npm run typecheck`): if a wrong frame
// compiled, the directive itself would be the error.

interface Side<In extends { type: string }, Out extends { type: string }> {
  frames: FrameSocket<In, Out>;
  received: In[];
  next(): Promise<In>;
}

function side<In extends { type: string }, Out extends { type: string }>(
  socket: Socket,
  schema: z.ZodType<In>,
): Side<In, Out> {
  const received: In[] = [];
  const waiting: Array<(frame: In) => void> = [];
  const frames = new FrameSocket<In, Out>({
    socket,
    schema,
    onFrame: ({ header }) => {
      const waiter = waiting.shift();
      if (waiter) waiter(header);
      else received.push(header);
    },
  });
  socket.on('error', () => undefined);
  return {
    frames,
    received,
    next: () => {
      const frame = received.shift();
      return frame ? Promise.resolve(frame) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) server.close();
});

/** A source and a destination over loopback TCP, each typed the way the agent's own sides are. */
async function connectedPair() {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const sourceSocket = connect(address.port, '127.0.0.1');
  const destinationSocket = await accepted;
  sockets.push(sourceSocket, destinationSocket);
  return {
    source: side<DestinationFrame, SourceFrame>(sourceSocket, DestinationFrameSchema),
    destination: side<SourceFrame, DestinationFrame>(destinationSocket, SourceFrameSchema),
  };
}

const token = 'header.claims.signature';

describe('FrameSocket', () => {
  it('carries typed frames both ways', async () => {
    const { source, destination } = await connectedPair();
    await source.frames.send({ type: 'hello', version: DATA_CHANNEL_VERSION, token, role: 'data' });
    expect(await destination.next()).toEqual({ type: 'hello', version: DATA_CHANNEL_VERSION, token, role: 'data' });
    await destination.frames.send({ type: 'chunk-ack', file: 3, offset: 0, length: 4096 });
    expect(await source.next()).toEqual({ type: 'chunk-ack', file: 3, offset: 0, length: 4096 });
  });

  it('does not compile a misspelt frame; sent anyway, the peer refuses it', async () => {
    const { source } = await connectedPair();
    // @ts-expect-error 'helo' is no frame a source sends
    await source.frames.send({ type: 'helo', version: DATA_CHANNEL_VERSION, token, role: 'data' });
    expect(await source.next()).toMatchObject({ type: 'error', code: 'bad_frame', message: /invalid helo frame/ });
  });

  it('does not compile a frame of the wrong shape; sent anyway, the peer refuses it', async () => {
    const { source } = await connectedPair();
    // @ts-expect-error a file-hash needs its sha256
    await source.frames.send({ type: 'file-hash', file: 3 });
    expect(await source.next()).toMatchObject({ type: 'error', code: 'bad_frame', message: /invalid file-hash frame/ });
  });

  it("does not compile the other side's frame", async () => {
    const { source } = await connectedPair();
    // @ts-expect-error hello-ok is the destination's frame
    await source.frames.send({ type: 'hello-ok' });
    expect(await source.next()).toMatchObject({ type: 'error', code: 'bad_frame' });
  });

  it('waits for a full socket with one drain listener however many frames queue behind it', async () => {
    const { source, destination } = await connectedPair();
    destination.frames.socket.pause(); // the peer stops reading: the source's socket fills
    const path = 'x'.repeat(4000);
    const sends: Promise<void>[] = [];
    let listeners = 0;
    for (let index = 0; index < 5000; index += 1) {
      sends.push(source.frames.send({ type: 'keep', paths: [path] }));
      listeners = Math.max(listeners, source.frames.socket.listenerCount('drain'));
    }
    expect(source.frames.socket.writableNeedDrain).toBe(true);
    expect(listeners).toBeLessThanOrEqual(1);
    destination.frames.socket.resume();
    await Promise.all(sends);
    for (let index = 0; index < 5000; index += 1) expect(await destination.next()).toMatchObject({ type: 'keep' });
    expect(source.frames.socket.listenerCount('drain')).toBe(0);
  });
});
