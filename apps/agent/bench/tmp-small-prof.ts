import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ensureDataChannelIdentity } from '../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../src/transfer/data-channel-server.ts';
import { sendTransfer } from '../src/transfer/send-transfer.ts';

const base = mkdtempSync(join(tmpdir(), 'tcpa-sp-'));
const src = join(base, 'src');
const dst = join(base, 'dst');
mkdirSync(dst, { recursive: true });
const tree = join(src, 'tree');
const N = Number(process.argv[2] ?? 10000);
for (let i = 0; i < N; i++) {
  const d = join(tree, `d${Math.floor(i / 100)}`);
  if (i % 100 === 0) mkdirSync(d, { recursive: true });
  writeFileSync(join(d, `f${i}`), randomBytes(1024 + Math.floor(Math.random() * 15360)));
}
const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k' }] };
const identity = ensureDataChannelIdentity(join(base, 'state'));
const server = new DataChannelServer({ identity, agentId: 'd', roots: [dst], jwks, host: '127.0.0.1' });
const port = await server.listen();
const token = await new SignJWT({ tid: 't', src: 's', dst: 'd', paths: [tree], dir: dst })
  .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid: 'k' })
  .setExpirationTime('1h')
  .sign(privateKey);
const t = performance.now();
const r = await sendTransfer({
  roots: [src],
  paths: [tree],
  destination: { host: '127.0.0.1', port, fingerprint: identity.fingerprint },
  token,
}).result;
const s = (performance.now() - t) / 1000;
console.log(r.ok, N, 'files', s.toFixed(2), 's', Math.round(N / s), 'files/s');
await server.close();
rmSync(base, { recursive: true, force: true });
