import type { Queryable } from '@tcpa/db';
import { AppError } from '../../http/app-error.ts';

interface PlanRow {
  id: string;
  name: string;
  features: string[];
}

/**
 * Refuses with plan_limit, naming the cheapest plan that has the feature. `what` is the feature
 * as it reads mid-sentence ("the audit log", "webhooks", "API access").
 */
export async function requirePlanFeature(tx: Queryable, feature: string, what: string): Promise<void> {
  const [current] = await tx.query<PlanRow>(
    `select p.id, p.name, p.features from subscriptions s join plans p on p.id = s.plan_id
     where s.company_id = app.company_id()`,
  );
  if (current?.features.includes(feature)) return;
  const [lifting] = await tx.query<PlanRow>(
    'select id, name, features from plans where $1 = any(features) order by rank limit 1',
    [feature],
  );
  throw new AppError(
    'plan_limit',
    `The ${current?.name ?? 'current'} plan does not include ${what}: upgrade to ${lifting?.name ?? 'a higher plan'} to use it`,
    { feature, planId: current?.id, upgradeTo: lifting?.id },
  );
}
