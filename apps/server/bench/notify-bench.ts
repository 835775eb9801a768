/**
 * `npm run bench:notify`: webhook deliveries from a real server to local endpoints, first all
 * healthy, then with a slow and a failing one (notify-delivery.ts). `--help` for the flags.
 */
import { runBench } from './bench-main.ts';
import { NOTIFY_USAGE, parseNotifyBenchOptions } from './notify-cli.ts';
import { measureNotifyDelivery } from './notify-delivery.ts';
import { formatNotify, notifySummaryLine } from './notify-report.ts';

process.exitCode = await runBench({
  usage: NOTIFY_USAGE,
  parse: parseNotifyBenchOptions,
  async run(options, cleanup) {
    const result = await measureNotifyDelivery(
      {
        seconds: options.seconds,
        rate: options.rate,
        endpoints: options.endpoints,
        slowMs: options['slow-ms'],
        drainSeconds: options.drain,
        profile: options.profile,
      },
      cleanup,
    );
    return [...formatNotify(result), '', notifySummaryLine(result)];
  },
});
