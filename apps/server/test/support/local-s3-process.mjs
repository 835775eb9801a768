// Runs s3rver, behind the proxy that checks signatures and checksums, in its own process so that
// a test can time it as it would a remote store and end it with SIGKILL. Prints one JSON line,
// {"port": N} (the proxy's), once the bucket exists and both listen.
import S3rver from 's3rver';
import { startS3CheckingProxy } from './s3-checking-proxy.mjs';

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) {
  console.error('usage: local-s3-process.mjs <data folder> <bucket>');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const { port: upstreamPort } = await server.run();
// s3rver's one account.
const port = await startS3CheckingProxy({ upstreamPort, secrets: new Map([['S3RVER', 'S3RVER']]) });
process.stdout.write(`${JSON.stringify({ port })}\n`);
