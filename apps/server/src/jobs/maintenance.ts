import { pruneEmailLinkTokensAsService } from '../features/auth/email-link-tokens.ts';
import { pruneEmailRequestsAsService } from '../features/auth/email-request-throttle.ts';
import { pruneLoginFailuresAsService } from '../features/auth/login-throttle.ts';
import { endPastDueGraceAsService, pruneStripeEventsAsService } from '../features/billing/billing-maintenance.ts';
import type { TransfersService } from '../features/transfers/transfers.service.ts';
import type { ServerDeps } from '../server-deps.ts';
import { PlanWatcher } from './plan-watcher.ts';
import { sweepStaleAgentsAsService } from './presence-sweep.ts';
import { enforceTelemetryRetentionAsService, ensureTelemetryPartitionsAsService } from './telemetry-retention.ts';

const HOUR_MS = 3_600_000;

/** Periodic jobs of one server node; each is safe to run on every node at once. */
export function startMaintenance(
  deps: Pick<ServerDeps, 'config' | 'database' | 'bus' | 'log'>,
  transfers: Pick<TransfersService, 'dispatchAsService' | 'agentGoneAsService'>,
): { stop(): void } {
  const { config, database, bus, log } = deps;
  const planWatcher = new PlanWatcher(database, bus);
  const every = (ms: number, name: string, job: () => Promise<unknown>) => {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await job();
      } catch (error) {
        log.warn({ err: error, job: name }, 'maintenance job failed');
      } finally {
        running = false;
      }
    };
    void run();
    return setInterval(() => void run(), ms);
  };
  const timers = [
    // Retries whose backoff ran out, and anything a missed event left waiting.
    every(1000, 'transfer-dispatch', () => transfers.dispatchAsService()),
    every(config.PLAN_WATCH_SECONDS * 1000, 'plan-watcher', () => planWatcher.checkAsService()),
    // An agent swept offline (its node died with it connected, or it never came back after a
    // restart) is gone as if it had closed: what it was running waits for it.
    every(config.HEARTBEAT_SECONDS * 1000, 'presence-sweep', async () => {
      const gone = await sweepStaleAgentsAsService(database, bus, config.HEARTBEAT_SECONDS * 3);
      for (const agentId of gone) await transfers.agentGoneAsService(agentId);
    }),
    every(60_000, 'past-due-grace', async () => {
      const moved = await endPastDueGraceAsService(database, new Date());
      if (moved.length > 0) log.info({ companies: moved }, 'past-due grace over: moved to the Free plan');
    }),
    every(HOUR_MS, 'stripe-events', () => pruneStripeEventsAsService(database)),
    every(HOUR_MS, 'login-failures', () => pruneLoginFailuresAsService(database, config)),
    every(HOUR_MS, 'email-requests', () => pruneEmailRequestsAsService(database, config)),
    every(HOUR_MS, 'email-link-tokens', () => pruneEmailLinkTokensAsService(database)),
    every(HOUR_MS, 'telemetry-partitions', () => ensureTelemetryPartitionsAsService(database)),
    every(HOUR_MS, 'telemetry-retention', async () => {
      const result = await enforceTelemetryRetentionAsService(database);
      if (result.droppedPartitions.length > 0 || result.deletedRows > 0) log.info(result, 'telemetry retention');
    }),
  ];
  return { stop: () => timers.forEach(clearInterval) };
}
