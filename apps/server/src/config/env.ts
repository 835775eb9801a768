import { z } from 'zod';
import { parseAllowHosts } from '../features/notifications/outbound-policy.ts';

const BooleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** 32 random bytes in base64, as `openssl rand -base64 32` prints them (also the key file's content). */
export const SECRET_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TCPA_DATA_DIR: z.string().min(1).default('.tcpa-data'),
  TCPA_SECRET_KEY: z
    .string()
    .regex(SECRET_KEY_PATTERN, { error: 'must be 32 random bytes in base64 (44 characters): openssl rand -base64 32' })
    .optional(),
  PUBLIC_URL: z.url({ error: 'must be a URL such as https://tcpa.example.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  TRUST_PROXY_HOPS: z.coerce
    .number({ error: 'must be the number of your own proxies in front of the server (0 when none)' })
    .int({ error: 'must be the number of your own proxies in front of the server (0 when none)' })
    .min(0)
    .max(10)
    .optional(),
  /** Replaced by TRUST_PROXY_HOPS; read only to refuse `true` without it (it trusted forged addresses). */
  TRUST_PROXY: BooleanFromEnv.optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Emailed links (a password reset, a new verification email) one address may ask for per window. */
  AUTH_EMAIL_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(3),
  /** Emailed links one IP address may ask for per window, whatever the addresses. */
  AUTH_EMAIL_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  AUTH_EMAIL_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** How long a transfer waits out failures that pass by themselves (network, an agent restarting). */
  TRANSFER_TRANSIENT_RETRY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .default(3600),
  /** A running transfer without progress for this long is checked, and requeued if no agent runs it. */
  TRANSFER_STALL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  HEARTBEAT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
  PLAN_WATCH_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /** Alerts of one rule opening within this window go out as one message (a burst as one summary). */
  ALERT_GROUP_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** How often conditions that hold over time (an agent offline for N minutes) are checked. */
  ALERT_CHECK_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
  /** One attempt at a delivery (connect, send, answer) may take this long. */
  DELIVERY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  /** A channel whose every delivery failed for this long is disabled, and its admins emailed. */
  CHANNEL_DISABLE_AFTER_HOURS: z.coerce.number().min(1).max(8760).default(72),
  MCP_MAX_SESSIONS: z.coerce.number().int().min(1).max(100_000).default(1000),
  MCP_MAX_SESSIONS_PER_COMPANY: z.coerce.number().int().min(1).max(100_000).default(50),
  MCP_MAX_SESSIONS_PER_KEY: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Hosts webhooks may reach although not public (`hooks.internal`, `127.0.0.1:9000`, `10.0.0.0/8`). */
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseAllowHosts(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Where email goes out; holds a password, so never echoed. Unset: no email is sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/i, {
      error: 'must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*@[^\r\n]*$/, { error: 'must be an address such as TCPA <alerts@example.com>' })
    .default('TCP Agent Platform <no-reply@localhost>'),
  /** Set: paid plans are sold through Stripe. Unset: the operator sets plans with `tcpa admin set-plan`. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, { error: 'must be a Stripe secret key (sk_live_… or sk_test_…)' })
    .optional(),
  /** The signing secret of the webhook endpoint …/api/v1/billing/stripe-webhook, from Stripe's dashboard. */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/, { error: "must be the webhook endpoint's signing secret (whsec_…)" })
    .optional(),
  STRIPE_PRICE_STARTER: z
    .string()
    .regex(/^price_\w+$/, { error: 'must be a Stripe price id (price_…)' })
    .optional(),
  STRIPE_PRICE_PROFESSIONAL: z
    .string()
    .regex(/^price_\w+$/, { error: 'must be a Stripe price id (price_…)' })
    .optional(),
  /** Where Stripe's API is reached (a proxy or a Stripe-compatible endpoint); Stripe's own by default. */
  STRIPE_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.stripe.com' })
    .optional(),
});

const ConfigSchema = EnvSchema.superRefine((env, context) => {
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['STRIPE_WEBHOOK_SECRET'],
        message:
          'is required with STRIPE_SECRET_KEY: add a webhook endpoint for <your URL>/api/v1/billing/stripe-webhook in Stripe and copy its signing secret',
      });
    }
    if (!env.STRIPE_PRICE_STARTER && !env.STRIPE_PRICE_PROFESSIONAL) {
      context.addIssue({
        code: 'custom',
        path: ['STRIPE_PRICE_STARTER'],
        message: 'is required with STRIPE_SECRET_KEY (or STRIPE_PRICE_PROFESSIONAL): the Stripe price id of the plan',
      });
    }
  }
  if (env.TRUST_PROXY && env.TRUST_PROXY_HOPS === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['TRUST_PROXY'],
      message:
        'is replaced by TRUST_PROXY_HOPS: set TRUST_PROXY_HOPS to the number of your own proxies in front of the server (usually 1), then remove TRUST_PROXY',
    });
  }
}).transform(({ TRUST_PROXY: _replaced, TRUST_PROXY_HOPS, ...env }) => ({
  ...env,
  TRUST_PROXY_HOPS: TRUST_PROXY_HOPS ?? 0,
}));

export type Config = z.infer<typeof ConfigSchema>;

/** Never echoed back in an error message. */
const SECRET_VARIABLES = new Set(['TCPA_SECRET_KEY', 'SMTP_URL', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Unset and empty variables both take the default. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const got = SECRET_VARIABLES.has(name) ? 'value hidden' : `got ${JSON.stringify(env[name])}`;
    return `  ${issue.path.join('.')}: ${issue.message} (${got})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export function publicUrlOf(config: Config): string {
  return config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`;
}
