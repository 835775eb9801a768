import { loadMigrations, migrate } from '@tcpa/db';
import { createTestDatabase } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_KEY_GENERATIONS } from '../src/features/api-keys/child-key-rules.ts';
import { type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

const MINTING = ['api_keys:write', 'projects:read'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('API keys minted by API keys', () => {
  let server: TestServer;
  let owner: Person;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@lineage.test', 'Lineage Co');
    await setPlan(server, owner.companyId, 'starter');
  });
  afterAll(() => server?.close());

  /** Creates a key with `token` (a person's access token or a key's secret); returns the raw response. */
  const mint = (token: string, body: Record<string, unknown>) =>
    server.request('POST', '/api/v1/api-keys', { token, body: { scopes: MINTING, ...body } });

  async function mintOk(token: string, body: Record<string, unknown>) {
    const response = await mint(token, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { id: response.body.apiKey.id as string, secret: response.body.secret as string, key: response.body.apiKey };
  }

  const projectsStatus = async (secret: string) => {
    const response = await server.request('GET', '/api/v1/projects', { token: secret });
    return { status: response.status, message: response.body.error?.message as string | undefined };
  };

  it('may not expire later than the key that made them: a later expiry is refused, none means the same', async () => {
    const parentExpiry = inDays(3);
    const parent = await mintOk(owner.token, { name: 'parent', expiresAt: parentExpiry });

    const later = await mint(parent.secret, { name: 'later', expiresAt: inDays(30) });
    expect(later.status).toBe(400);
    expect(later.body.error.message).toMatch(/expiresAt must be no later than .*when the key creating it expires/);
    const forever = await mintOk(parent.secret, { name: 'no expiry asked' });
    expect(Date.parse(forever.key.expiresAt)).toBe(Date.parse(parentExpiry));
    expect(forever.key.parentId).toBe(parent.id);
    const soonerExpiry = inDays(1);
    const sooner = await mintOk(parent.secret, { name: 'sooner', expiresAt: soonerExpiry });
    expect(Date.parse(sooner.key.expiresAt)).toBe(Date.parse(soonerExpiry));

    // A grandchild is bound by its grandparent's expiry too.
    const grandchild = await mint(forever.secret, { name: 'grandchild', expiresAt: inDays(10) });
    expect(grandchild.status).toBe(400);
    expect(grandchild.body.error.details).toMatchObject({ field: 'expiresAt' });
  });

  it('stop working when an ancestor expires, whatever their own expiry says', async () => {
    const parent = await mintOk(owner.token, { name: 'expiring parent', expiresAt: inDays(2) });
    const child = await mintOk(parent.secret, { name: 'child' });
    const grandchild = await mintOk(child.secret, { name: 'grandchild' });
    expect((await projectsStatus(grandchild.secret)).status).toBe(200);

    // Time passes for the parent only; the children's rows still say they are valid (as rows
    // made before the rule do).
    await server.sql(`update api_keys set expires_at = now() - interval '1 minute' where id = $1`, [parent.id]);
    await server.sql('update api_keys set expires_at = null where id = any($1)', [[child.id, grandchild.id]]);
    for (const key of [child, grandchild]) {
      const refused = await projectsStatus(key.secret);
      expect(refused.status).toBe(401);
      expect(refused.message).toMatch(/created by a key that expired at/);
    }
  });

  it('are revoked with their parent, down to the grandchildren, and only they', async () => {
    const root = await mintOk(owner.token, { name: 'root' });
    const parent = await mintOk(root.secret, { name: 'parent' });
    const child = await mintOk(parent.secret, { name: 'child' });
    const grandchild = await mintOk(child.secret, { name: 'grandchild' });
    const sibling = await mintOk(root.secret, { name: 'sibling' });

    const revoke = await server.request('DELETE', `/api/v1/api-keys/${parent.id}`, { token: owner.token });
    expect(revoke.status).toBe(204);
    for (const key of [parent, child, grandchild]) {
      const refused = await projectsStatus(key.secret);
      expect(refused.status, key.key.name).toBe(401);
      expect(refused.message).toMatch(/revoked/);
    }
    expect((await projectsStatus(root.secret)).status).toBe(200);
    expect((await projectsStatus(sibling.secret)).status).toBe(200);

    const listed = (await server.request('GET', '/api/v1/api-keys', { token: owner.token })).body.apiKeys as Array<{
      id: string;
      revokedAt: string | null;
    }>;
    const revokedIds = listed.filter((key) => key.revokedAt).map((key) => key.id);
    expect(revokedIds).toEqual(expect.arrayContaining([parent.id, child.id, grandchild.id]));
    expect(revokedIds).not.toContain(root.id);
    expect(revokedIds).not.toContain(sibling.id);
  });

  it('are refused when an ancestor was revoked without them (rows from before the rule)', async () => {
    const parent = await mintOk(owner.token, { name: 'old parent' });
    const child = await mintOk(parent.secret, { name: 'old child' });
    const grandchild = await mintOk(child.secret, { name: 'old grandchild' });
    await server.sql('update api_keys set revoked_at = now() where id = $1', [parent.id]);
    for (const key of [child, grandchild]) {
      const refused = await projectsStatus(key.secret);
      expect(refused.status).toBe(401);
      expect(refused.message).toMatch(/created by a key that has been revoked/);
    }
    // Nor can such a key mint another.
    expect((await mint(grandchild.secret, { name: 'heir' })).status).toBe(401);
  });

  it(`nest at most ${MAX_KEY_GENERATIONS} deep`, async () => {
    let token = owner.token;
    for (let generation = 1; generation <= MAX_KEY_GENERATIONS; generation++) {
      token = (await mintOk(token, { name: `generation ${generation}` })).secret;
    }
    const refused = await mint(token, { name: 'one too many' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/nested at most/);
  });
});

describe('API keys minted by API keys before their parent was recorded', () => {
  it('get their parent from the audit log, its expiry and its revocation', async () => {
    const testDatabase = await createTestDatabase();
    const sql = <Row = Record<string, unknown>>(text: string, params?: unknown[]) =>
      testDatabase.database.unsafeAsOwner((tx) => tx.query<Row>(text, params));
    try {
      // Back to the schema of the version before: every migration up to the one adding parents.
      const lineage = (await loadMigrations()).find((m) => m.name.includes('key_lineage'));
      const exec = (text: string) => testDatabase.database.unsafeAsOwner((tx) => tx.exec(text));
      await exec('drop schema public cascade; create schema public; drop schema app cascade');
      for (const migration of await loadMigrations()) {
        if (migration.id < (lineage?.id ?? 0)) await exec(migration.sql);
      }
      await sql(
        'create table schema_migrations (id int primary key, name text not null, applied_at timestamptz not null default now())',
      );
      await sql(
        `insert into schema_migrations (id, name) select id, name from jsonb_to_recordset($1) as m(id int, name text)`,
        [
          JSON.stringify(
            (await loadMigrations()).filter((m) => m.id < (lineage?.id ?? 0)).map(({ id, name }) => ({ id, name })),
          ),
        ],
      );

      const [company] = await sql<{ id: string }>(`insert into companies (name) values ('Old Co') returning id`);
      const [user] = await sql<{ id: string }>(
        `insert into users (email, password_hash) values ('old@lineage.test', 'x') returning id`,
      );
      const key = async (name: string, expiresAt: string | null, revoked: boolean, madeBy: string | null) => {
        const [row] = await sql<{ id: string }>(
          `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes, expires_at, revoked_at)
           values ($1, $2, $3, $4, 'hash', '{projects:read}', $5, case when $6 then now() end) returning id`,
          [company?.id, user?.id, name, `tcpa_${name}`, expiresAt, revoked],
        );
        await sql(
          `insert into audit_log (company_id, actor_user_id, actor_api_key_id, action, target_type, target_id)
           values ($1, $2, $3, 'api_key.created', 'api_key', $4)`,
          [company?.id, user?.id, madeBy, row?.id],
        );
        return row?.id as string;
      };
      const parentExpiry = inDays(5);
      const parent = await key('parent', parentExpiry, false, null);
      const child = await key('child', inDays(50), false, parent);
      const grandchild = await key('grandchild', null, false, child);
      const revokedParent = await key('revoked', null, true, null);
      const orphan = await key('orphan', null, false, revokedParent);

      await migrate(testDatabase.database);
      const rows = await sql<{
        id: string;
        parent_id: string | null;
        expires_at: string | null;
        revoked_at: string | null;
      }>('select id, parent_id, expires_at, revoked_at from api_keys');
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(child)?.parent_id).toBe(parent);
      expect(byId.get(grandchild)?.parent_id).toBe(child);
      expect(byId.get(parent)?.parent_id).toBeNull();
      for (const id of [child, grandchild]) {
        expect(Date.parse(byId.get(id)?.expires_at as string)).toBe(Date.parse(parentExpiry));
        expect(byId.get(id)?.revoked_at).toBeNull();
      }
      expect(byId.get(orphan)?.parent_id).toBe(revokedParent);
      expect(byId.get(orphan)?.revoked_at).toBe(byId.get(revokedParent)?.revoked_at);
    } finally {
      await testDatabase.dispose();
    }
  }, 120_000);
});
