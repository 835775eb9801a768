import { randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'tcpa_';
export const ENROLMENT_TOKEN_PREFIX = 'tcpe_';

/**
 * `<kind><8-char lookup id>_<secret>`: the lookup id finds the row, the whole string is hashed.
 * The kind prefix makes leaked secrets recognisable to secret scanners and to people.
 */
export function newPrefixedSecret(kind: string): { secret: string; prefix: string } {
  const lookup = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const prefix = `${kind}${lookup}`;
  return { prefix, secret: `${prefix}_${randomBytes(32).toString('base64url')}` };
}

export function prefixOf(secret: string, kind: string): string | undefined {
  if (!secret.startsWith(kind)) return undefined;
  const match = /^([a-z]+_[A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match?.[1];
}
