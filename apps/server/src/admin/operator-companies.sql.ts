import type { Queryable } from '@tcpa/db';
import { MANAGED_BY_SQL } from '../features/billing/billing.sql.ts';

/** The operator's view across every tenant (outside RLS by design: `tcpa admin` runs as the database owner). */
export interface CompanySummary {
  id: string;
  name: string;
  plan: string;
  agents: number;
  members: number;
}

export class OperatorError extends Error {
  override name = 'OperatorError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function unsafeListAllCompanies(owner: Queryable): Promise<CompanySummary[]> {
  return owner.query<CompanySummary>(
    `select c.id, c.name, s.plan_id as plan,
            (select count(*) from agents a where a.company_id = c.id and a.status in ('pending', 'active'))::int as agents,
            (select count(*) from company_memberships m where m.company_id = c.id)::int as members
     from companies c join subscriptions s on s.company_id = c.id
     order by c.created_at, c.id`,
  );
}

/** By id, else by exact name (case-insensitive); a name two companies share must be given as an id. */
async function findCompany(owner: Queryable, idOrName: string): Promise<CompanySummary> {
  const companies = await unsafeListAllCompanies(owner);
  if (UUID.test(idOrName)) {
    const byId = companies.find((company) => company.id === idOrName.toLowerCase());
    if (byId) return byId;
  }
  const byName = companies.filter((company) => company.name.toLowerCase() === idOrName.toLowerCase());
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) {
    throw new OperatorError(
      `${byName.length} companies are named "${idOrName}": give one of their ids with --company (${byName.map((company) => company.id).join(', ')})`,
    );
  }
  throw new OperatorError(`no company has the id or name "${idOrName}": see them with \`tcpa admin companies\``);
}

export interface PlanChange {
  company: CompanySummary;
  from: string;
  to: string;
}

/**
 * Moves the company to `planId` and writes the audit row in the same transaction. A company billed
 * through Stripe is refused unless `force`: Stripe's next event would set the plan it bills for.
 */
export async function unsafeSetCompanyPlan(
  owner: Queryable,
  idOrName: string,
  planId: string,
  force = false,
): Promise<PlanChange> {
  const plans = await owner.query<{ id: string }>('select id from plans order by rank');
  if (!plans.some((plan) => plan.id === planId)) {
    throw new OperatorError(`there is no plan "${planId}": choose one of ${plans.map((plan) => plan.id).join(', ')}`);
  }
  const company = await findCompany(owner, idOrName);
  const [previous] = await owner.query<{ plan_id: string; managed_by: string; stripe_subscription_id: string }>(
    `select s.plan_id, ${MANAGED_BY_SQL} as managed_by, s.stripe_subscription_id
     from subscriptions s where s.company_id = $1 for update`,
    [company.id],
  );
  if (previous?.managed_by === 'stripe' && !force) {
    throw new OperatorError(
      `${company.name} pays for the ${previous.plan_id} plan through Stripe (subscription ${previous.stripe_subscription_id}): change it there, or add --force to set it here anyway (Stripe's next event about the subscription sets the plan it bills for again)`,
    );
  }
  const from = previous?.plan_id ?? company.plan;
  if (from !== planId) {
    await owner.query('update subscriptions set plan_id = $2 where company_id = $1', [company.id, planId]);
    await owner.query(
      `insert into audit_log (company_id, action, target_type, target_id, details, user_agent)
       values ($1, 'subscription.plan_changed', 'company', $2, $3, 'tcpa admin')`,
      [company.id, company.id, { actor: 'operator', from, to: planId }],
    );
  }
  return { company: { ...company, plan: planId }, from, to: planId };
}
