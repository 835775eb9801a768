// The source agent of part B of `npm run bench:jobs`, as its own process (usage: node --import tsx
// mirror-sender-role.ts, options in BENCH_CONFIG as JSON). It waits for a line on stdin, so Node's
// start-up is not timed, then runs one transfer and prints `result {…}`.
import { sendTransfer } from '../../agent/src/transfer/send-transfer.ts';
import type { SendTransferOptions } from '../../agent/src/transfer/send-transfer-types.ts';

const options = JSON.parse(process.env.BENCH_CONFIG ?? '{}') as SendTransferOptions;
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
const result = await sendTransfer(options).result;
const statuses: Record<string, number> = {};
for (const file of result.files) statuses[file.status] = (statuses[file.status] ?? 0) + 1;
const summary = {
  ok: result.ok,
  // Until the first chunk went out: sending starts once the first page's plan is back, while the walk goes on.
  planMs: result.durationMs - result.sendingMs,
  durationMs: result.durationMs,
  bytesSent: result.bytesSent,
  statuses,
  failed: result.files.filter((file) => file.status === 'failed').slice(0, 3),
};
process.stdout.write(`result ${JSON.stringify(summary)}\n`);
process.exit(0);
