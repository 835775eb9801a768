import { createTestDatabase, type TestDatabase, testDatabaseKind } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryEventBus, type FleetEvent } from '../src/features/realtime/event-bus.ts';
import { PlanWatcher } from '../src/jobs/plan-watcher.ts';

describe('plan watcher', () => {
  let db: TestDatabase;
  let companyId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [company] = await db.database.unsafeAsOwner((tx) =>
      tx.query<{ id: string }>(`insert into companies (name) values ('watched') returning id`),
    );
    companyId = company?.id as string;
    await db.database.unsafeAsOwner((tx) =>
      tx.query(`insert into subscriptions (company_id, plan_id) values ($1, 'free')`, [companyId]),
    );
  });
  afterAll(() => db?.dispose());

  // PGlite runs one transaction at a time: no change can commit after a look that began later.
  it.skipIf(testDatabaseKind() === 'pglite')(
    'tells of a change whose transaction began before a look and committed after it, once',
    async () => {
      const bus = createInMemoryEventBus();
      const told: FleetEvent[] = [];
      bus.subscribe((event) => told.push(event));
      const watcher = new PlanWatcher(db.database, bus);
      await watcher.checkAsService();

      let commit = () => {};
      let updated = () => {};
      const wasUpdated = new Promise<void>((resolve) => {
        updated = resolve;
      });
      const change = db.database.unsafeAsOwner(async (tx) => {
        await tx.query(`update subscriptions set plan_id = 'starter' where company_id = $1`, [companyId]);
        updated();
        await new Promise<void>((resolve) => {
          commit = resolve;
        });
      });
      await wasUpdated;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await watcher.checkAsService();
      expect(told).toEqual([]);

      commit();
      await change;
      await watcher.checkAsService();
      expect(told).toEqual([{ type: 'plan_changed', companyId }]);
      await watcher.checkAsService();
      expect(told).toHaveLength(1);
    },
  );
});
