import type { Database } from '@tcpa/db';
import type { SecretBox } from '../../auth/secret-box.ts';
import type { Logger } from '../../http/logger.ts';
import { notifyAlertsAsService } from './alert-notifier.ts';
import { ChannelBacklog } from './channel-backlog.ts';
import { noteChannelResultAsService } from './channel-health.sql.ts';
import { sweepConditionAlertsAsService } from './condition-alerts.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { fanOutEventsAsService } from './event-fanout.ts';
import type { MailTransport } from './mail-transport.ts';
import type { OutboundPolicy } from './outbound-request.ts';
import { pruneNotificationsAsService } from './prune-notifications.sql.ts';
import { createDeliverySender } from './send-delivery.ts';

export interface NotificationEngineOptions {
  database: Database;
  secretBox: SecretBox;
  log: Logger;
  mail: MailTransport | undefined;
  policy: OutboundPolicy;
  publicUrl: string;
  groupWaitSeconds: number;
  checkSeconds: number;
  deliveryTimeoutSeconds: number;
  disableAfterHours: number;
  /** How long agents cut off by this server's restart have to reconnect before they count as offline. */
  reconnectGraceSeconds: number;
}

const FANOUT_IDLE_MS = 250;
const NOTIFY_EVERY_MS = 500;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * The loops that turn what happened into messages, on every node at once (each step claims its
 * rows): outbox events → webhook deliveries and alerts; alerts → grouped messages; conditions over
 * time → alerts; deliveries → SMTP and HTTPS.
 */
export class NotificationEngine {
  readonly worker: DeliveryWorker;
  readonly #options: NotificationEngineOptions;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #running = new Set<string>();

  constructor(options: NotificationEngineOptions) {
    this.#options = options;
    this.worker = new DeliveryWorker({
      database: options.database,
      send: createDeliverySender({
        secretBox: options.secretBox,
        policy: options.policy,
        mail: options.mail,
        timeoutMs: options.deliveryTimeoutSeconds * 1000,
      }),
      onChannelResult: (channelId, ok) =>
        noteChannelResultAsService(options.database, channelId, ok, {
          disableAfterHours: options.disableAfterHours,
          publicUrl: options.publicUrl,
        }),
      onError: (error) => options.log.warn({ err: error }, 'notification delivery failed to record'),
      attemptTimeoutMs: options.deliveryTimeoutSeconds * 1000,
    });
  }

  start(): void {
    const { database, publicUrl } = this.#options;
    const backlog = new ChannelBacklog();
    this.worker.start();
    this.#every(FANOUT_IDLE_MS, 'event fan-out', async () => {
      let taken = 0;
      // A full batch means more are waiting: keep going before sleeping.
      do {
        taken = await fanOutEventsAsService(database, backlog);
        if (taken > 0) this.worker.wake();
      } while (taken >= 500);
    });
    this.#every(NOTIFY_EVERY_MS, 'alert notices', async () => {
      const sent = await notifyAlertsAsService(database, {
        groupWaitMs: this.#options.groupWaitSeconds * 1000,
        publicUrl,
      });
      if (sent > 0) this.worker.wake();
    });
    const offlineCountsFrom = {
      startedAt: new Date(),
      graceSeconds: this.#options.reconnectGraceSeconds,
    };
    this.#every(this.#options.checkSeconds * 1000, 'alert conditions', () =>
      sweepConditionAlertsAsService(database, offlineCountsFrom),
    );
    this.#every(PRUNE_EVERY_MS, 'notification pruning', () => pruneNotificationsAsService(database));
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.worker.stop();
    await this.#options.mail?.close();
  }

  #every(ms: number, name: string, job: () => Promise<unknown>): void {
    const run = async () => {
      if (this.#running.has(name)) return;
      this.#running.add(name);
      try {
        await job();
      } catch (error) {
        this.#options.log.warn({ err: error, job: name }, 'notification job failed');
      } finally {
        this.#running.delete(name);
      }
    };
    void run();
    this.#timers.push(setInterval(() => void run(), ms));
  }
}
