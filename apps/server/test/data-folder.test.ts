import { chmod, lstat, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, openDatabase } from '@tcpa/db';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NodeChild, spawnNodeScript } from '../bench/child-process.ts';
import { everyRowAsText, openSealedJwk } from './secrets-at-rest.ts';
import { newSecretKey } from './test-server.ts';
import { waitUntil } from './wait-until.ts';

const MAIN = 'apps/server/src/main.ts';
const STARTUP_MS = 120_000;

/**
 * `npm start`'s server as its own process: embedded PGlite in TCPA_DATA_DIR (pglite project),
 * or DATABASE_URL with nothing else set, so the folder holds only the key file (postgres project).
 */
describe(`the data folder, with the server process on ${testDatabaseKind()}`, () => {
  const embedded = testDatabaseKind() === 'pglite';
  let parent: string;
  let dataDir: string;
  let testDatabase: TestDatabase | undefined;
  const children: NodeChild[] = [];
  let token = '';

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'tcpa-data-folder-'));
    dataDir = join(parent, 'data');
    if (!embedded) testDatabase = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children) await child.stop();
    await testDatabase?.dispose();
    await rm(parent, { recursive: true, force: true });
  });

  function spawnServer(env: Record<string, string> = {}) {
    const child = spawnNodeScript(MAIN, {
      TCPA_DATA_DIR: dataDir,
      DATABASE_URL: testDatabase?.url ?? '',
      TCPA_SECRET_KEY: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    });
    children.push(child);
    return child;
  }

  async function startServer() {
    const child = spawnServer();
    let exit: number | string | undefined;
    void child.exited.then((code) => {
      exit = code;
    });
    const url = await waitUntil(
      'the server to listen',
      async () => {
        if (exit !== undefined) throw new Error(`the server exited with ${exit}:\n${child.tail()}`);
        return /listening on (http:\/\/\S+)/.exec(child.stdout())?.[1];
      },
      STARTUP_MS,
    );
    return { child, url };
  }

  async function refusedStart(env: Record<string, string> = {}) {
    const child = spawnServer(env);
    const code = await Promise.race([
      child.exited,
      sleep(STARTUP_MS / 2, `still running after ${STARTUP_MS / 2000} s`, { ref: false }),
    ]);
    await child.stop();
    return { code, output: child.tail().replace(/\n\s*\| /g, ' ') };
  }

  /** Every file and folder under the data folder that the group or others may use. */
  async function openToOthers(): Promise<string[]> {
    const entries = [dataDir, ...(await readdir(dataDir, { recursive: true })).map((name) => join(dataDir, name))];
    const open: string[] = [];
    for (const path of entries) {
      const mode = (await lstat(path)).mode;
      if (mode & 0o077) open.push(`${path} ${(mode & 0o777).toString(8)}`);
    }
    return open;
  }

  const me = async (url: string) =>
    (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status;

  it(
    'is made 0700 with nothing in it open to others, and sessions survive a restart',
    async () => {
      const first = await startServer();
      const signup = await fetch(`${first.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@folder.test', password: 'correct horse battery', companyName: 'Folder' }),
      });
      expect(signup.status).toBe(201);
      token = ((await signup.json()) as { accessToken: string }).accessToken;
      expect(await openToOthers()).toEqual([]);
      await first.child.stop();

      expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await lstat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
      expect(await openToOthers()).toEqual([]);

      const second = await startServer();
      expect(await me(second.url)).toBe(200);
      await second.child.stop();
      expect(await openToOthers()).toEqual([]);
    },
    STARTUP_MS * 2,
  );

  it('keeps the signing key only encrypted: its private part is in no row, nor in any file of the folder', async () => {
    // Opened the way the server opens it, so the folder stays private afterwards.
    const database: Database = testDatabase?.database ?? (await openDatabase({ dataDir }));
    try {
      const [row] = await database.unsafeAsOwner((tx) =>
        tx.query<{ kid: string; private_jwk_sealed: string }>('select kid, private_jwk_sealed from signing_keys'),
      );
      const keyText = (await readFile(join(dataDir, 'secret.key'), 'utf8')).trim();
      const { d } = openSealedJwk(keyText, row?.private_jwk_sealed as string, row?.kid as string);
      expect(d).toMatch(/^[\w-]{43}$/);
      expect(await everyRowAsText(database)).not.toContain(d);
      if (embedded) {
        const files = (await readdir(dataDir, { recursive: true })).map((name) => join(dataDir, name));
        const raw = Buffer.from(d, 'base64url');
        const holding: string[] = [];
        for (const path of files) {
          if (!(await lstat(path)).isFile()) continue;
          const content = await readFile(path);
          if (content.includes(d) || content.includes(raw)) holding.push(path);
        }
        expect(holding).toEqual([]);
      }
    } finally {
      if (!testDatabase) await database.close();
    }
  }, 60_000);

  it(
    'refuses to start while the folder or a file in it is open to others, naming it and the fix',
    async () => {
      await chmod(dataDir, 0o755);
      const folderOpen = await refusedStart();
      expect(folderOpen.code).not.toBe(0);
      expect(folderOpen.output).toContain(
        `The data folder ${dataDir} can be read or written by other users of this machine (the folder itself has mode 0755)`,
      );
      expect(folderOpen.output).toContain(`Make it private with: chmod -R go-rwx ${dataDir}`);
      await chmod(dataDir, 0o700);

      await chmod(join(dataDir, 'secret.key'), 0o644);
      const fileOpen = await refusedStart();
      expect(fileOpen.code).not.toBe(0);
      expect(fileOpen.output).toContain('(secret.key has mode 0644)');
      await chmod(join(dataDir, 'secret.key'), 0o600);
    },
    STARTUP_MS,
  );

  it(
    'refuses to start with another secret key, saying why, and starts again with the right one',
    async () => {
      const wrong = await refusedStart({ TCPA_SECRET_KEY: newSecretKey() });
      expect(wrong.code).toBe(2);
      expect(wrong.output).toMatch(/cannot be decrypted with TCPA_SECRET_KEY: it was encrypted with another key/);
      const right = await startServer();
      expect(await me(right.url)).toBe(200);
      await right.child.stop();
    },
    STARTUP_MS * 2,
  );
});
