import { connect, createServer, type TLSSocket } from 'node:tls';
import {
  type DestinationFrame,
  DestinationFrameSchema,
  type SourceFrame,
  SourceFrameSchema,
} from '@tcpa/contracts/data-channel';
import { ensureDataChannelIdentity } from '../../../src/transfer/data-channel-identity.ts';
import { encodeFrame, FrameDecoder } from '../../../src/transfer/frame-codec.ts';

export interface SeenFrame {
  from: 'source' | 'destination';
  /** Which stream of the transfer: its hello's role. */
  role: 'control' | 'data';
  type: SourceFrame['type'] | DestinationFrame['type'];
}

export interface DestinationProxy {
  port: number;
  /** Frames both ways in the order they reached the proxy, across all streams. */
  seen: SeenFrame[];
  close(): Promise<void>;
}

/**
 * A TLS proxy in front of a real destination, showing the same certificate (it reads the
 * destination's identity from its state folder) and noting the frames both ways. With
 * `onlyVersion: 2` it answers a hello of any other version as a destination of the release before
 * data channel 3 did: its frame schema refused the hello (`bad_frame`, "invalid hello frame").
 */
export async function startDestinationProxy(options: {
  stateDir: string;
  targetPort: number;
  onlyVersion?: number;
}): Promise<DestinationProxy> {
  const identity = await ensureDataChannelIdentity(options.stateDir);
  const seen: SeenFrame[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createServer({ key: identity.keyPem, cert: identity.certPem, minVersion: 'TLSv1.3' }, (source) => {
    sockets.add(source);
    source.on('close', () => sockets.delete(source));
    source.on('error', () => undefined);
    const decoder = new FrameDecoder(SourceFrameSchema);
    let role: SeenFrame['role'] | undefined;
    let upstream: TLSSocket | undefined;
    let connected = false;
    const pending: Buffer[] = [];
    source.on('data', (data: Buffer) => {
      for (const { header } of decoder.push(data)) {
        if (header.type === 'hello') {
          role = header.role;
          if (options.onlyVersion !== undefined && header.version !== options.onlyVersion) {
            const refusal = {
              type: 'error',
              code: 'bad_frame',
              message: 'invalid hello frame: Invalid input: expected 2',
            };
            for (const piece of encodeFrame(refusal)) source.write(piece);
            source.end();
            return;
          }
        }
        if (role) seen.push({ from: 'source', role, type: header.type });
      }
      if (connected) upstream?.write(data);
      else pending.push(data);
      if (!upstream) {
        upstream = connect({ host: '127.0.0.1', port: options.targetPort, rejectUnauthorized: false });
        sockets.add(upstream);
        upstream.on('close', () => source.destroy());
        upstream.on('error', () => source.destroy());
        upstream.once('secureConnect', () => {
          connected = true;
          for (const piece of pending.splice(0)) upstream?.write(piece);
          const replies = new FrameDecoder(DestinationFrameSchema);
          upstream?.on('data', (data: Buffer) => {
            for (const { header } of replies.push(data))
              seen.push({ from: 'destination', role: role ?? 'data', type: header.type });
            source.write(data);
          });
        });
        source.on('close', () => upstream?.destroy());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
