import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransferMode } from '@tcpa/contracts';
import { ensureDataChannelIdentity } from '../../../src/transfer/data-channel-identity.ts';
import { DataChannelServer, type DataChannelServerOptions } from '../../../src/transfer/data-channel-server.ts';
import { createTransferTokenSigner, type TransferTokenSigner } from './transfer-token-signer.ts';

export const DESTINATION_AGENT = 'agent-destination';
export const SOURCE_AGENT = 'agent-source';

export interface TransferFixture {
  base: string;
  sourceRoot: string;
  destinationRoot: string;
  stateDir: string;
  signer: TransferTokenSigner;
  server: DataChannelServer;
  port: number;
  fingerprint: string;
  token(options?: {
    paths?: string[];
    dir?: string;
    tid?: string;
    attempt?: number;
    iat?: number;
    exp?: number;
    aud?: string;
    src?: string;
    mode?: TransferMode;
  }): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * Two agent roots in a temp dir, a receiver listening on 127.0.0.1, and a control-plane key.
 * `server` overrides the receiver's options (its roots, limits).
 */
export async function createTransferFixture(
  server: (base: string) => Partial<DataChannelServerOptions> = () => ({}),
): Promise<TransferFixture> {
  const base = mkdtempSync(join(tmpdir(), 'tcpa-transfer-'));
  const sourceRoot = join(base, 'source');
  const destinationRoot = join(base, 'destination');
  const stateDir = join(base, 'state');
  mkdirSync(sourceRoot);
  mkdirSync(destinationRoot);
  const identity = await ensureDataChannelIdentity(stateDir);
  const signer = await createTransferTokenSigner();
  const receiver = new DataChannelServer({
    identity,
    agentId: DESTINATION_AGENT,
    roots: [destinationRoot],
    jwks: signer.jwks,
    host: '127.0.0.1',
    ...server(base),
  });
  const port = await receiver.listen();
  return {
    base,
    sourceRoot,
    destinationRoot,
    stateDir,
    signer,
    server: receiver,
    port,
    fingerprint: identity.fingerprint,
    token: (options = {}) =>
      signer.sign({
        tid: options.tid ?? 'transfer-1',
        att: options.attempt ?? 1,
        src: options.src ?? SOURCE_AGENT,
        aud: options.aud ?? DESTINATION_AGENT,
        paths: options.paths ?? [sourceRoot],
        dir: options.dir ?? destinationRoot,
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.iat === undefined ? {} : { iat: options.iat }),
        ...(options.exp === undefined ? {} : { exp: options.exp }),
      }),
    cleanup: async () => {
      await receiver.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
