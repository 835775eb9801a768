import { type Plan, planFeatureName } from '@tcpa/contracts';
import { interval, limitOf, price } from './plan-text.ts';
import { UpgradeButton } from './upgrade-button.tsx';

/** One plan of the list: its price, limits and features, and (when it can be bought here) its Upgrade button. */
export function PlanCard({ plan, current, upgrade }: { plan: Plan; current: boolean; upgrade: boolean }) {
  return (
    <div className={current ? 'card plan current' : 'card plan'}>
      <h3>
        {plan.name}
        {current && <span className="sub">your plan</span>}
      </h3>
      <p>{price(plan.monthlyPriceCents)}</p>
      <ul>
        <li>{limitOf(plan.maxAgents, 'agent')}</li>
        <li>{limitOf(plan.maxProjects, 'project')}</li>
        <li>telemetry {interval(plan.telemetryIntervalMs)}</li>
        <li>{plan.retentionDays} days of history</li>
        {plan.features.map((feature) => (
          <li key={feature}>{planFeatureName(feature)}</li>
        ))}
      </ul>
      {upgrade && <UpgradeButton plan={plan} />}
    </div>
  );
}
