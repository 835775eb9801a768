import type { Queryable } from '@tcpa/db';

/**
 * Most deliveries waiting for one channel. An endpoint down for hours, or slower than its events,
 * would otherwise grow its queue without end; past this its new messages are stored as not sent
 * (queueDeliveries) until the queue drains.
 */
export const MAX_PENDING_PER_CHANNEL = 10_000;

/**
 * Which channels' queues are full, counted at most every `recountMs` per channel: a count walks
 * up to MAX_PENDING_PER_CHANNEL index entries, and counting every channel for every batch of
 * events made the counts most of the database's work once a backlog grew (bench:notify). A queue
 * may therefore run past the limit by what arrives within `recountMs`.
 */
export class ChannelBacklog {
  readonly #counted = new Map<string, { at: number; full: boolean }>();
  readonly #recountMs: number;
  readonly #limit: number;

  constructor(options: { recountMs?: number; limit?: number } = {}) {
    this.#recountMs = options.recountMs ?? 5000;
    this.#limit = options.limit ?? MAX_PENDING_PER_CHANNEL;
  }

  async fullOf(tx: Queryable, channelIds: Iterable<string>): Promise<Set<string>> {
    const now = performance.now();
    const stale = [...new Set(channelIds)].filter((id) => {
      const counted = this.#counted.get(id);
      return !counted || now - counted.at >= this.#recountMs;
    });
    if (stale.length > 0) {
      const full = await tx.query<{ channel_id: string }>(
        `select c.channel_id from unnest($1::uuid[]) as c(channel_id)
         where (select count(*) from (
           select from notification_deliveries d where d.channel_id = c.channel_id and d.status = 'pending' limit $2
         ) waiting) >= $2`,
        [stale, this.#limit],
      );
      const fullIds = new Set(full.map((row) => row.channel_id));
      for (const id of stale) this.#counted.set(id, { at: now, full: fullIds.has(id) });
      this.#forgetOld(now);
    }
    return new Set([...new Set(channelIds)].filter((id) => this.#counted.get(id)?.full));
  }

  /** Channels not seen for a while (deleted, or quiet) are dropped, so the map stays bounded by the active ones. */
  #forgetOld(now: number): void {
    for (const [id, counted] of this.#counted) {
      if (now - counted.at > this.#recountMs * 12) this.#counted.delete(id);
    }
  }
}
