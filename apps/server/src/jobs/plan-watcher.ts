import type { Database } from '@tcpa/db';
import type { EventBus } from '../features/realtime/event-bus.ts';

/**
 * How long a transaction that changes a subscription may stay open and still be noticed. The
 * row's updated_at is its transaction's start, but the change becomes visible only at commit: a
 * watcher that asked for "changed since my last look" lost a change whose transaction started
 * before that look and committed after it.
 */
export const PLAN_COMMIT_LAG_MS = 5 * 60_000;

/**
 * Notices plan changes however they happen (billing, an operator, SQL) by their updated_at,
 * and tells the hub, which pushes new config to the company's connected agents. It looks back
 * over the commit lag each time and tells each version of a row once.
 */
export class PlanWatcher {
  private told: Map<string, string> | undefined;

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
  ) {}

  async checkAsService() {
    const rows = await this.database.unsafeAsOwner((tx) =>
      tx.query<{ company_id: string; version: string }>(
        `select company_id, updated_at::text as version from subscriptions
          where updated_at > now() - make_interval(secs => $1)`,
        [PLAN_COMMIT_LAG_MS / 1000],
      ),
    );
    const first = this.told === undefined;
    const told = new Map(rows.map((row) => [row.company_id, row.version]));
    const changed = first ? [] : rows.filter((row) => this.told?.get(row.company_id) !== row.version);
    this.told = told;
    for (const row of changed) this.bus.publish({ type: 'plan_changed', companyId: row.company_id });
  }
}
