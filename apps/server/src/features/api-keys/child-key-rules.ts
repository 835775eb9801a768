import type { CreateApiKeyBody } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { Principal } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import { describeCallingKey } from './api-keys.sql.ts';

/** Bounds the chain the API-key lookup walks on every request. */
export const MAX_KEY_GENERATIONS = 10;

type KeyPrincipal = Extract<Principal, { kind: 'api_key' }>;

/**
 * A key may mint only keys narrower than itself that die with it: scopes and projects within
 * its own, and an expiry no later than the earliest along its chain. An explicit later expiry
 * is refused (400) rather than quietly shortened, so the caller never holds a key that stops
 * sooner than it asked; a key asked for without an expiry takes the parent's.
 * Returns the expiry to store.
 */
export async function applyChildKeyRules(
  tx: Queryable,
  parent: KeyPrincipal,
  body: CreateApiKeyBody,
  projectIds: string[] | null,
): Promise<string | null> {
  const extra = body.scopes.filter((scope) => !parent.scopes.includes(scope));
  if (extra.length > 0) {
    throw new AppError('forbidden', `This API key cannot grant scopes it lacks: ${extra.join(', ')}`);
  }
  if (parent.projectIds && (!projectIds || projectIds.some((id) => !parent.projectIds?.includes(id)))) {
    throw new AppError('forbidden', 'This API key can only create keys limited to its own projects');
  }
  const chain = await describeCallingKey(tx);
  if (chain.generation >= MAX_KEY_GENERATIONS) {
    throw new AppError(
      'validation_failed',
      `This API key is ${chain.generation} generations from a person's key; keys can be nested at most ` +
        `${MAX_KEY_GENERATIONS} deep: create the key with a key nearer the top`,
    );
  }
  if (!chain.expiresAt) return body.expiresAt ?? null;
  if (!body.expiresAt) return chain.expiresAt;
  if (Date.parse(body.expiresAt) > Date.parse(chain.expiresAt)) {
    throw new AppError(
      'validation_failed',
      `expiresAt must be no later than ${chain.expiresAt}, when the key creating it expires`,
      { field: 'expiresAt', latest: chain.expiresAt },
    );
  }
  return body.expiresAt;
}
