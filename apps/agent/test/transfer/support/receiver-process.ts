// A destination agent as its own process, so tests can kill -9 it: prints `port N` when listening.
import { readdirSync } from 'node:fs';
import { ensureDataChannelIdentity } from '../../../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../../../src/transfer/data-channel-server.ts';

const config = JSON.parse(process.env.RECEIVER_CONFIG ?? '{}');
const server = new DataChannelServer({
  identity: await ensureDataChannelIdentity(config.stateDir),
  agentId: config.agentId,
  roots: config.roots,
  jwks: config.jwks,
  host: '127.0.0.1',
});
const port = await server.listen();
process.stdout.write(`port ${port}\n`);
// `ls DIR` on stdin lists a directory as this process sees it (a tmpfs in its own mount namespace).
process.stdin.setEncoding('utf8').on('data', (line: string) => {
  const dir = line.trim().replace(/^ls /, '');
  process.stdout.write(`ls ${JSON.stringify(readdirSync(dir).sort())}\n`);
});
