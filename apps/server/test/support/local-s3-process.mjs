// Runs s3rver in its own process so that a test can time it as it would a remote store and end it
// with SIGKILL. Prints one JSON line, {"port": N}, once the bucket exists and the server listens.
import S3rver from 's3rver';

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
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
