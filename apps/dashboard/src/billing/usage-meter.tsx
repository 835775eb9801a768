import { limit } from './plan-text.ts';

export function Meter({ label, used, max }: { label: string; used: number; max: number | null }) {
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
export function OverLimit(props: { plan: string; noun: string; used: number; max: number | null }) {
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
