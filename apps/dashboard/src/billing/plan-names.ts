import type { Plan } from '@tcpa/contracts';

/** A plan's name as people read it ("Starter"), from the plan list; its id while the list is loading. */
export function planNameOf(plans: Plan[] | undefined, planId: string): string {
  return plans?.find((plan) => plan.id === planId)?.name ?? planId;
}
