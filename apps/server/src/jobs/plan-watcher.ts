import type { Database } from '@tcpa/db';
import type { EventBus } from '../features/realtime/event-bus.ts';

/**
 * Notices plan changes however they happen (billing, an operator, SQL) by their updated_at,
 * and tells the hub, which pushes new config to the company's connected agents.
 */
export class PlanWatcher {
  private since: string | undefined;

  constructor(
    private readonly database: Database,
    private readonly bus: EventBus,
  ) {}

  async checkAsService() {
    const rows = await this.database.unsafeAsOwner(async (tx) => {
      const [clock] = await tx.query<{ now: string }>('select now() as now');
      const changed = this.since
        ? await tx.query<{ company_id: string }>(
            'select company_id from subscriptions where updated_at > $1 and updated_at <= $2',
            [this.since, clock?.now],
          )
        : [];
      this.since = clock?.now;
      return changed;
    });
    for (const row of rows) this.bus.publish({ type: 'plan_changed', companyId: row.company_id });
  }
}
