import Stripe from 'stripe';
import type { Config } from '../../config/env.ts';

/** Stripe as this server is set up to sell its plans: the client, the webhook secret and a price per paid plan. */
export interface StripeBilling {
  stripe: Stripe;
  webhookSecret: string;
  /** Paid plans with a price, cheapest first. */
  purchasablePlanIds: string[];
  priceOf(planId: string): string | undefined;
  planOfPrice(priceId: string): string | undefined;
}

/** Null when Stripe is not configured: plans are then set by the operator only. */
export function stripeBillingOf(config: Config): StripeBilling | null {
  if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) return null;
  const prices = new Map<string, string>();
  if (config.STRIPE_PRICE_STARTER) prices.set('starter', config.STRIPE_PRICE_STARTER);
  if (config.STRIPE_PRICE_PROFESSIONAL) prices.set('professional', config.STRIPE_PRICE_PROFESSIONAL);
  const plansByPrice = new Map([...prices].map(([planId, priceId]) => [priceId, planId]));
  const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : undefined;
  const stripe = new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'TCP Agent Platform' },
    ...(api && {
      host: api.hostname,
      protocol: api.protocol === 'http:' ? 'http' : 'https',
      port: Number(api.port) || (api.protocol === 'http:' ? 80 : 443),
    }),
  });
  return {
    stripe,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    purchasablePlanIds: [...prices.keys()],
    priceOf: (planId) => prices.get(planId),
    planOfPrice: (priceId) => plansByPrice.get(priceId),
  };
}
