import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@tcpa/db';
import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/env.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { everyRowAsText, openSealedJwk } from './secrets-at-rest.ts';
import { newSecretKey } from './test-server.ts';

describe('JWT signing keys at rest', () => {
  const servers: RunningServer[] = [];
  const databases: TestDatabase[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(async () => {
    for (const database of databases) await database.dispose();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function freshDatabase() {
    const testDatabase = await createTestDatabase();
    databases.push(testDatabase);
    return testDatabase.database;
  }
  const configOf = (env: Record<string, string>) =>
    parseConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  async function start(database: Database, env: Record<string, string>) {
    const server = await startServer(configOf(env), { database });
    servers.push(server);
    return server;
  }
  async function signUp(url: string, name: string) {
    const response = await fetch(`${url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${name}@at-rest.test`, password: 'correct horse battery', companyName: name }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }
  const me = async (url: string, token: string) =>
    (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;
  const signingRows = (database: Database) =>
    database.unsafeAsOwner((tx) =>
      tx.query<{ kid: string; private_jwk: unknown; private_jwk_sealed: string | null }>(
        'select kid, private_jwk, private_jwk_sealed from signing_keys',
      ),
    );

  it('seals a key stored in plaintext before, keeps signing with it, and leaves its private part in no row', async () => {
    const database = await freshDatabase();
    // What an upgraded database holds: a plaintext key made by an earlier version.
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = 'key-from-before';
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
    await database.unsafeAsOwner((tx) =>
      tx.query('insert into signing_keys (kid, private_jwk, public_jwk) values ($1, $2, $3)', [
        kid,
        privateJwk,
        publicJwk,
      ]),
    );
    const env = { TCPA_SECRET_KEY: newSecretKey() };
    const server = await start(database, env);
    const token = await signUp(server.url, 'before');
    // Signed with the very key from before: sessions survive the upgrade.
    await jwtVerify(token, await importJWK(publicJwk, 'EdDSA'));

    const rows = await signingRows(database);
    expect(rows).toEqual([{ kid, private_jwk: null, private_jwk_sealed: expect.stringMatching(/^v1\./) }]);
    expect(openSealedJwk(env.TCPA_SECRET_KEY, rows[0]?.private_jwk_sealed as string, kid).d).toBe(privateJwk.d);
    expect(await everyRowAsText(database)).not.toContain(privateJwk.d);

    await server.close();
    servers.pop();
    const again = await start(database, env);
    expect(await me(again.url, token)).toBe(200);
  });

  it('seals the key it makes, and refuses to start with another secret key rather than make a new one', async () => {
    const database = await freshDatabase();
    const env = { TCPA_SECRET_KEY: newSecretKey() };
    const server = await start(database, env);
    const token = await signUp(server.url, 'fresh');
    const [row] = await signingRows(database);
    expect(row?.private_jwk).toBeNull();
    const privateJwk = openSealedJwk(env.TCPA_SECRET_KEY, row?.private_jwk_sealed as string, row?.kid as string);
    // What was sealed is the key that signs: a token signed with it is accepted.
    const forged = await new SignJWT({ cid: 'x', sid: 'y' })
      .setProtectedHeader({ alg: 'EdDSA', kid: row?.kid as string })
      .sign(await importJWK(privateJwk, 'EdDSA'));
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
    await jwtVerify(forged, await importJWK(jwks.keys[0] as JWK, 'EdDSA'));
    expect(await everyRowAsText(database)).not.toContain(privateJwk.d);
    await server.close();
    servers.pop();

    const wrong = startServer(configOf({ TCPA_SECRET_KEY: newSecretKey() }), { database });
    await expect(wrong).rejects.toThrow(
      /signing key .* cannot be decrypted with TCPA_SECRET_KEY: it was encrypted with another key\. Servers sharing one database need the same secret key/,
    );
    expect(await signingRows(database)).toEqual([row]);
    const right = await start(database, env);
    expect(await me(right.url, token)).toBe(200);
  });

  it('without TCPA_SECRET_KEY, keeps the key in a 0600 file in a 0700 folder and never replaces a lost one', async () => {
    const database = await freshDatabase();
    const parent = await mkdtemp(join(tmpdir(), 'tcpa-keyfile-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const server = await start(database, { TCPA_DATA_DIR: dataDir });
    const token = await signUp(server.url, 'keyfile');
    const keyFile = join(dataDir, 'secret.key');
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const keyText = (await readFile(keyFile, 'utf8')).trim();
    const [row] = await signingRows(database);
    expect(openSealedJwk(keyText, row?.private_jwk_sealed as string, row?.kid as string).d).toBeTruthy();
    await server.close();
    servers.pop();

    expect(await me((await start(database, { TCPA_DATA_DIR: dataDir })).url, token)).toBe(200);
    await servers.pop()?.close();
    // Another server of the same database takes the file's content as TCPA_SECRET_KEY.
    expect(await me((await start(database, { TCPA_SECRET_KEY: keyText })).url, token)).toBe(200);
    await servers.pop()?.close();

    await rm(keyFile);
    await expect(startServer(configOf({ TCPA_DATA_DIR: dataDir }), { database })).rejects.toThrow(
      /signing key in the database is encrypted, but TCPA_SECRET_KEY is unset and the key file .*secret\.key does not exist\. Set TCPA_SECRET_KEY to the key the other servers/,
    );
    expect(await signingRows(database)).toEqual([row]);
  });

  it('refuses a TCPA_SECRET_KEY that is not 32 bytes of base64, without echoing it', () => {
    expect(() => parseConfig({ TCPA_SECRET_KEY: 'hunter2-not-a-key' })).toThrow(
      /TCPA_SECRET_KEY: must be 32 random bytes in base64 \(44 characters\): openssl rand -base64 32 \(value hidden\)/,
    );
    expect(() => parseConfig({ TCPA_SECRET_KEY: 'hunter2-not-a-key' })).not.toThrow(/hunter2/);
  });
});
