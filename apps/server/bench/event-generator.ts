/**
 * Makes events at a steady rate the way production does: it changes transfers' state in the
 * database (failed or succeeded, alternately) and the triggers write the outbox events in the
 * same transactions. Each tick commits the transfers due by then in one statement.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { eventKey } from './webhook-receivers.ts';

const TICK_MS = 10;

export interface GeneratedEvents {
  /** `type id` of every event, as the receivers key them. */
  keys: string[];
  /** How far behind its schedule the generator fell at worst (ms): the load it promised is the load it made. */
  maxLagMs: number;
}

/** Flips `transferIds` at `rate` a second, spread evenly, for as long as there are ids. */
export async function generateTransferEvents(
  owner: pg.Client,
  transferIds: readonly string[],
  rate: number,
): Promise<GeneratedEvents> {
  const keys: string[] = [];
  const started = performance.now();
  let sent = 0;
  let maxLagMs = 0;
  while (sent < transferIds.length) {
    const elapsed = performance.now() - started;
    const due = Math.min(transferIds.length, Math.floor((elapsed / 1000) * rate) + 1);
    if (due > sent) {
      maxLagMs = Math.max(maxLagMs, elapsed - (sent / rate) * 1000);
      const batch = transferIds.slice(sent, due);
      const states = batch.map((_, offset) => ((sent + offset) % 2 === 0 ? 'failed' : 'succeeded'));
      await owner.query(
        `update transfers t set state = u.state,
           state_reason = case when u.state = 'failed' then 'the bench failed it' end,
           finished_at = now(), updated_at = now()
         from unnest($1::uuid[], $2::text[]) as u(id, state) where t.id = u.id`,
        [batch, states],
      );
      batch.forEach((id, offset) => {
        keys.push(eventKey(`transfer.${states[offset]}`, id));
      });
      sent = due;
    }
    const nextAt = started + (sent / rate) * 1000;
    await sleep(Math.max(0, Math.min(TICK_MS, nextAt - performance.now())));
  }
  return { keys, maxLagMs };
}
