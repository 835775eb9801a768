import { type Plan, PlanListSchema, SubscriptionSchema } from '@tcpa/contracts';
import type { Database, TenantQueryable } from '@tcpa/db';
import { publicRoute, tenantRoute } from '../../http/route.ts';
import { MANAGED_BY_SQL } from '../billing/billing.sql.ts';

interface PlanRow {
  id: string;
  name: string;
  max_agents: number | null;
  max_projects: number | null;
  telemetry_interval_ms: number;
  retention_days: number;
  min_schedule_interval_minutes: number;
  features: string[];
  monthly_price_cents: number | null;
}

const PLAN_COLUMNS = `p.id, p.name, p.max_agents, p.max_projects, p.telemetry_interval_ms,
  p.retention_days, p.min_schedule_interval_minutes, p.features, p.monthly_price_cents`;

function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    name: row.name,
    maxAgents: row.max_agents,
    maxProjects: row.max_projects,
    telemetryIntervalMs: row.telemetry_interval_ms,
    retentionDays: row.retention_days,
    minScheduleIntervalMinutes: row.min_schedule_interval_minutes,
    features: row.features,
    monthlyPriceCents: row.monthly_price_cents,
  };
}

async function listPlansAsService(database: Database) {
  const rows = await database.unsafeAsOwner((tx) =>
    tx.query<PlanRow>(`select ${PLAN_COLUMNS} from plans p order by p.rank`),
  );
  return rows.map(toPlan);
}

/** Counts the whole company, including projects this caller cannot see. */
async function countUsageAsService(tx: TenantQueryable) {
  const [usage] = await tx.unsafeAsOwner((owner) =>
    owner.query<{ projects: number; agents: number; members: number }>(
      `select (select count(*) from projects where company_id = app.company_id())::int as projects,
              (select count(*) from agents
                where company_id = app.company_id() and status in ('pending', 'active'))::int as agents,
              (select count(*) from company_memberships where company_id = app.company_id())::int as members`,
    ),
  );
  return usage ?? { projects: 0, agents: 0, members: 0 };
}

export const planRoutes = [
  publicRoute({
    method: 'get',
    path: '/api/v1/plans',
    summary: 'The plans and what each allows',
    tags: ['plans'],
    response: PlanListSchema,
    async handler({ deps }) {
      return { plans: await listPlansAsService(deps.database) };
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/subscription',
    summary: "Your company's plan, its limits and current usage",
    tags: ['plans'],
    access: { kind: 'company', permission: 'company:read' },
    response: SubscriptionSchema,
    async handler({ tx }) {
      const [row] = await tx.query<
        PlanRow & { status: 'active' | 'past_due' | 'canceled'; managed_by: 'stripe' | 'operator' }
      >(
        `select ${PLAN_COLUMNS}, s.status, ${MANAGED_BY_SQL} as managed_by
         from subscriptions s join plans p on p.id = s.plan_id
         where s.company_id = app.company_id()`,
      );
      if (!row) throw new Error('company has no subscription');
      return {
        plan: toPlan(row),
        status: row.status,
        managedBy: row.managed_by,
        usage: await countUsageAsService(tx),
      };
    },
  }),
];
