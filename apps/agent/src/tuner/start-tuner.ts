import {
  MAX_DECISIONS_PER_MESSAGE,
  type TuningDecision,
  type TuningSetting,
  type TuningSummary,
} from '@tcpa/contracts';
import type { Log } from '../log.ts';
import { TransferTuner, type TunableTransfer } from './transfer-tuner.ts';

/** Without history: one stream (enough where one fills the link; the tuner adds more where they pay). */
export const FRESH_START: TuningSetting = { streams: 1, chunkSize: 4 * 1024 * 1024 };

/**
 * The tuner as the agent's transfer runner uses it: the setting to start the transfer with, then
 * attach the running transfer; decisions and the final setting go into its reports.
 */
export function startTuner(history: TuningSetting | undefined, log?: Log) {
  const start = history ?? FRESH_START;
  let tuner: TransferTuner | undefined;
  return {
    start: { streams: start.streams, chunkSize: start.chunkSize },
    /** `destinationPort`: where the streams connect (their kernel TCP info is read by it). */
    attach(transfer: TunableTransfer, destinationPort: number) {
      const fromHistory =
        history && (history.streams !== FRESH_START.streams || history.chunkSize !== FRESH_START.chunkSize);
      tuner = new TransferTuner({
        transfer,
        start,
        destinationPort,
        ...(fromHistory
          ? { startedFrom: { setting: FRESH_START, reason: 'starting from what worked last on this path' } }
          : {}),
        ...(log ? { log } : {}),
      });
      tuner.start();
    },
    /** `{ decisions }` when there are new ones (for a progress or outcome report; the oldest first), else nothing. */
    unreportedDecisions(): { decisions?: TuningDecision[] } {
      const decisions = tuner?.takeUnreported(MAX_DECISIONS_PER_MESSAGE) ?? [];
      return decisions.length > 0 ? { decisions } : {};
    },
    /** A report carrying these was not sent: they go with the next one. */
    notReported({ decisions }: { decisions?: TuningDecision[] }) {
      if (decisions) tuner?.returnUnreported(decisions);
    },
    summary(): { tuning?: TuningSummary } {
      const summary = tuner?.summary();
      return summary ? { tuning: summary } : {};
    },
    stop() {
      tuner?.stop();
    },
  };
}
