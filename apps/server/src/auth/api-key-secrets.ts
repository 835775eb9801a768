import { randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'tcpa_';

/** `tcpa_<8-char lookup id>_<secret>`: the lookup id finds the row, the whole string is hashed. */
export function newApiKeySecret(): { secret: string; prefix: string } {
  const lookup = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const prefix = `${API_KEY_PREFIX}${lookup}`;
  return { prefix, secret: `${prefix}_${randomBytes(32).toString('base64url')}` };
}

export function apiKeyPrefixOf(secret: string): string | undefined {
  const match = /^(tcpa_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match?.[1];
}
