// A source agent as its own process, so tests can kill -9 it: prints one JSON progress line per event.
import { sendTransfer } from '../../../src/transfer/send-transfer.ts';

const options = JSON.parse(process.env.SENDER_OPTIONS ?? '{}');
const transfer = sendTransfer({
  ...options,
  progressIntervalMs: 50,
  onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`),
});
const result = await transfer.result;
process.stdout.write(`result ${JSON.stringify({ ok: result.ok, skippedSources: result.skippedSources })}\n`);
