import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '@tcpa/db';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { ConfigError } from '../config/env.ts';
import { openSealedSecret, sealSecret } from './sealed-secrets.ts';
import type { SecretKeySource } from './secret-key.ts';

export const SIGNING_ALGORITHM = 'EdDSA';
// Any fixed number: servers starting together on an empty table make one key, not one each.
const CREATE_LOCK_KEY = 7_270_002;

export interface SigningKeys {
  /** The oldest key signs. */
  signing: { kid: string; privateJwk: JWK };
  /** Every key verifies; published at /.well-known/jwks.json. */
  publicJwks: JWK[];
  /** Plaintext private keys (from before they were encrypted) sealed during this load. */
  sealedNow: number;
  /** The key secrets at rest are encrypted with (channel URLs, webhook secrets too). */
  secretKey: Buffer;
}

interface StoredKey {
  kid: string;
  private_jwk: JWK | null;
  private_jwk_sealed: string | null;
  public_jwk: JWK;
}

const contextOf = (kid: string) => `signing_keys:${kid}`;
const selectKeys = (tx: Queryable) =>
  tx.query<StoredKey>(
    'select kid, private_jwk, private_jwk_sealed, public_jwk from signing_keys order by created_at, kid',
  );

async function createKeyAsService(database: Database, secretKey: Buffer): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  await database.unsafeAsOwner(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [CREATE_LOCK_KEY]);
    if ((await tx.query('select 1 from signing_keys limit 1')).length > 0) return;
    await tx.query('insert into signing_keys (kid, private_jwk_sealed, public_jwk) values ($1, $2, $3)', [
      kid,
      sealSecret(secretKey, JSON.stringify(privateJwk), contextOf(kid)),
      publicJwk,
    ]);
  });
}

/** Encrypts private keys stored in plaintext before this version; returns how many. */
async function sealPlaintextKeysAsService(database: Database, stored: StoredKey[], secretKey: Buffer): Promise<number> {
  let sealed = 0;
  for (const key of stored) {
    if (!key.private_jwk) continue;
    const rows = await database.unsafeAsOwner((tx) =>
      tx.query(
        `update signing_keys set private_jwk_sealed = $2, private_jwk = null
         where kid = $1 and private_jwk is not null returning kid`,
        [key.kid, sealSecret(secretKey, JSON.stringify(key.private_jwk), contextOf(key.kid))],
      ),
    );
    sealed += rows.length;
  }
  return sealed;
}

/**
 * Ed25519 signing keys live in the database so that every server node signs and verifies with
 * the same key; their private halves are encrypted with the secret key, which is not. The first
 * node to start makes one. A missing or different secret key stops start-up with a message:
 * making a new signing key instead would sign everybody out without saying why.
 */
export async function loadSigningKeysAsService(database: Database, source: SecretKeySource): Promise<SigningKeys> {
  const before = await database.unsafeAsOwner(selectKeys);
  let secretKey = await source.read();
  if (!secretKey) {
    if (before.some((key) => key.private_jwk_sealed)) {
      throw new ConfigError(
        `The JWT signing key in the database is encrypted, but TCPA_SECRET_KEY is unset and ${source.description} does not exist. ` +
          'Set TCPA_SECRET_KEY to the key the other servers of this database use, or restore that file. ' +
          'The server does not make a new signing key, which would sign everybody out; to start over on purpose, delete the rows of signing_keys.',
      );
    }
    secretKey = await source.create();
  }
  if (before.length === 0) await createKeyAsService(database, secretKey);
  const sealedNow = await sealPlaintextKeysAsService(database, before, secretKey);

  const stored = await database.unsafeAsOwner(selectKeys);
  const privateJwks = stored.map((key) => {
    const opened = key.private_jwk_sealed && openSealedSecret(secretKey, key.private_jwk_sealed, contextOf(key.kid));
    if (!opened) {
      throw new ConfigError(
        `The JWT signing key ${key.kid} in the database cannot be decrypted with ${source.description}: it was encrypted with another key. ` +
          'Servers sharing one database need the same secret key: set TCPA_SECRET_KEY to the value the others use ' +
          '(a key file holds it in base64). The server does not make a new signing key, which would sign everybody out.',
      );
    }
    return JSON.parse(opened) as JWK;
  });
  const signing = stored[0];
  if (!signing || !privateJwks[0]) throw new Error('no signing key after creating one');
  return {
    signing: { kid: signing.kid, privateJwk: privateJwks[0] },
    publicJwks: stored.map((key) => key.public_jwk),
    sealedNow,
    secretKey,
  };
}
