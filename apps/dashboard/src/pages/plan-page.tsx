import { type Plan, planFeatureName } from '@tcpa/contracts';
import { usePlansQuery } from '../data/billing/plans-query.ts';
import { useSubscriptionQuery } from '../data/billing/subscription-query.ts';
import { queryError } from '../data/query-error.ts';
import { ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const limit = (value: number | null) => (value === null ? 'unlimited' : String(value));
const interval = (ms: number) => (ms >= 1000 ? `every ${ms / 1000} s` : `${1000 / ms} per second`);
const price = (cents: number | null) =>
  cents === null ? 'Contact us' : cents === 0 ? 'Free' : `$${(cents / 100).toFixed(0)} a month`;

function Meter({ label, used, max }: { label: string; used: number; max: number | null }) {
  return (
    <div className="meter">
      <span>
        {label}: {used} of {limit(max)}
      </span>
      {max !== null && (
        <div className="progress" role="progressbar" aria-label={label} aria-valuenow={used} aria-valuemax={max}>
          <span style={{ width: `${Math.min(100, (used / Math.max(1, max)) * 100)}%` }} />
        </div>
      )}
    </div>
  );
}

/**
 * After a downgrade, more than the plan allows: nothing was deleted and what exists keeps working,
 * but new ones are refused until enough are removed.
 */
function OverLimit(props: { plan: string; noun: string; used: number; max: number | null }) {
  const { plan, noun, used, max } = props;
  if (max === null || used <= max) return null;
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return (
    <p className="notice" role="status">
      You have {plural(used)}; the {plan} plan allows {max}. They all keep working, but no new {noun} can be added until
      you remove {plural(used - max)} (or upgrade).
    </p>
  );
}

export default function PlanPage() {
  const subscription = useSubscriptionQuery();
  const plans = usePlansQuery();
  const subscriptionError = queryError(subscription.error);
  const plansError = queryError(plans.error);
  if (subscriptionError) return <ErrorNotice message={subscriptionError} onRetry={() => void subscription.refetch()} />;
  if (!subscription.data) return <Loading />;
  const { plan, usage, status } = subscription.data;
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Plan & usage" />
      <div className="card">
        <h2>
          {plan.name} <span className="badge">{status}</span>
        </h2>
        <Meter label="Projects" used={usage.projects} max={plan.maxProjects} />
        <Meter label="Agents" used={usage.agents} max={plan.maxAgents} />
        <OverLimit plan={plan.name} noun="project" used={usage.projects} max={plan.maxProjects} />
        <OverLimit plan={plan.name} noun="agent" used={usage.agents} max={plan.maxAgents} />
        <p>
          Telemetry {interval(plan.telemetryIntervalMs)} · History kept {plan.retentionDays} days · {usage.members}{' '}
          member{usage.members === 1 ? '' : 's'}
        </p>
      </div>
      <h2>What each plan adds</h2>
      {plansError && <ErrorNotice message={plansError} />}
      <div className="plans">
        {(plans.data?.plans ?? []).map((p: Plan) => (
          <div key={p.id} className={p.id === plan.id ? 'card plan current' : 'card plan'}>
            <h3>
              {p.name}
              {p.id === plan.id && <span className="sub">your plan</span>}
            </h3>
            <p>{price(p.monthlyPriceCents)}</p>
            <ul>
              <li>{limit(p.maxAgents)} agents</li>
              <li>{limit(p.maxProjects)} projects</li>
              <li>telemetry {interval(p.telemetryIntervalMs)}</li>
              <li>{p.retentionDays} days of history</li>
              {p.features.map((feature) => (
                <li key={feature}>{planFeatureName(feature)}</li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <p className="muted">
        The plan is set by the operator of this server, with{' '}
        <code>tcpa admin set-plan --company &lt;id|name&gt; --plan &lt;plan&gt;</code> on the server's machine: ask them
        to change yours.
      </p>
    </section>
  );
}
