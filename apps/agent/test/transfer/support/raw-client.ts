import { createHash } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';
import { type DestinationFrame, DestinationFrameSchema } from '@tcpa/contracts/data-channel';
import { encodeFrame, FrameDecoder } from '../../../src/transfer/frame-codec.ts';

/** A hand-driven data-channel stream, to send what a real sender never would. */
export interface RawClient {
  socket: TLSSocket;
  frames: DestinationFrame[];
  send(header: { type: string } & Record<string, unknown>, payload?: Buffer): void;
  writeRaw(bytes: Buffer): void;
  next(type: DestinationFrame['type'], timeoutMs?: number): Promise<DestinationFrame>;
  closed: Promise<void>;
}

/** `localAddress`: connect from this address (another 127.x.y.z plays another machine). */
export async function connectRaw(port: number, localAddress?: string): Promise<RawClient> {
  const socket = connect({
    host: '127.0.0.1',
    port,
    rejectUnauthorized: false,
    ...(localAddress ? { localAddress } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  const decoder = new FrameDecoder(DestinationFrameSchema);
  const frames: DestinationFrame[] = [];
  let taken = 0;
  const listeners = new Set<() => void>();
  socket.on('data', (data: Buffer) => {
    for (const frame of decoder.push(data)) frames.push(frame.header);
    for (const listener of listeners) listener();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    frames,
    closed,
    send: (header, payload) => {
      for (const piece of encodeFrame(header, payload)) socket.write(piece);
    },
    writeRaw: (bytes) => socket.write(bytes),
    next: (type, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          for (; taken < frames.length; taken += 1) {
            const frame = frames[taken] as DestinationFrame;
            if (frame.type === type || frame.type === 'error') {
              taken += 1;
              listeners.delete(check);
              clearTimeout(timer);
              resolve(frame);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${type} frame; got ${JSON.stringify(frames.slice(-3))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
        void closed.then(() => {
          check();
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`closed before ${type}; got ${JSON.stringify(frames.slice(-3))}`));
          }
        });
      }),
  };
}

/** A manifest entry for a file of `content`, with its hash (mtime fixed unless given). */
export function fileEntry(index: number, path: string, content: Buffer, mtimeMs = 1_700_000_000_000) {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return { index, path, kind: 'file', size: content.length, mode: 0o644, mtimeMs, sha256 };
}
