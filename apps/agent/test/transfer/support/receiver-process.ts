// A destination agent as its own process, so tests can kill -9 it: prints `port N` when listening.
import { ensureDataChannelIdentity } from '../../../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../../../src/transfer/data-channel-server.ts';

const config = JSON.parse(process.env.RECEIVER_CONFIG ?? '{}');
const server = new DataChannelServer({
  identity: ensureDataChannelIdentity(config.stateDir),
  agentId: config.agentId,
  roots: config.roots,
  jwks: config.jwks,
  host: '127.0.0.1',
});
const port = await server.listen();
process.stdout.write(`port ${port}\n`);
