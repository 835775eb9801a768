import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageCredentialsContext } from '../src/features/storage/storage-credentials.ts';
import { addToProject, createProject, invite, type Person, setPlan, signUp } from './people.ts';
import { everyRowAsText } from './secrets-at-rest.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/** Marked secrets: none may appear in an answer, nor in clear anywhere in the database. */
const SECRETS = {
  s3: 'SECRET-s3-wJalrXUtnFEMIK7MDENGbPxRfiCY',
  s3Replaced: 'SECRET-s3-replaced-9f8e7d6c5b4a',
  sas: 'sv=2024-08-04&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=SECRET-sas-signature',
  accountKey: 'SECRETazureKeyEby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  privateKey: '-----BEGIN PRIVATE KEY-----\nSECRET-gcs-private-key-MIIEvQIBADANBg\n-----END PRIVATE KEY-----\n',
  hmac: 'SECRET-gcs-hmac-bGoa+V7g/yqDXvKRqq+JTFn4uQZbPiQJo4pf9RzJ',
};
const MARKER = 'SECRET-';

const serviceAccountJson = JSON.stringify({
  type: 'service_account',
  project_id: 'tcpa-test',
  private_key_id: 'abc123',
  private_key: SECRETS.privateKey,
  client_email: 'uploader@tcpa-test.iam.gserviceaccount.com',
});

const s3Body = {
  kind: 's3',
  name: 'Backups',
  bucket: 'tcpa-backups',
  region: 'eu-central-1',
  endpoint: 'https://minio.example.com:9000',
  forcePathStyle: true,
  prefix: 'nightly/',
  credentials: { mode: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRETS.s3 },
};

describe('storage locations', () => {
  let server: TestServer;
  let owner: Person;
  let projectId: string;
  const answers: unknown[] = [];
  const call = async (method: string, path: string, body?: unknown, by: Person = owner) => {
    const response = await server.request(method, path, { token: by.token, body });
    answers.push(response.body);
    return response;
  };
  const locations = () => `/api/v1/projects/${projectId}/storage-locations`;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@storage.test', 'Storage Co');
    await setPlan(server, owner.companyId, 'enterprise');
    projectId = await createProject(server, owner, 'Archive');
  });
  afterAll(() => server?.close());

  it('adds an S3 location and shows it without its secret', async () => {
    const created = await call('POST', locations(), s3Body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      kind: 's3',
      projectId,
      name: 'Backups',
      bucket: 'tcpa-backups',
      region: 'eu-central-1',
      endpoint: 'https://minio.example.com:9000',
      forcePathStyle: true,
      prefix: 'nightly/',
      credentials: { mode: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    });
    expect(created.body.credentialsUpdatedAt).toEqual(expect.any(String));
    const [row] = await server.sql<{ credentials: string }>('select credentials from storage_locations where id = $1', [
      created.body.id,
    ]);
    // Sealed for this row: it opens to what was sent, and for no other location.
    const opened = server.deps.secretBox.open(row?.credentials ?? '', storageCredentialsContext(created.body.id));
    expect(JSON.parse(opened ?? '{}')).toEqual(s3Body.credentials);
    expect(server.deps.secretBox.open(row?.credentials ?? '', storageCredentialsContext(projectId))).toBeUndefined();
  });

  it("adds an S3 location that signs in with the agent's own credentials, with defaults for the rest", async () => {
    const created = await call('POST', locations(), {
      kind: 's3',
      name: 'instance role',
      bucket: 'tcpa.logs-2026',
      region: 'us-east-1',
      credentials: { mode: 'agent' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      endpoint: null,
      forcePathStyle: false,
      prefix: '',
      credentials: { mode: 'agent' },
    });
    const [row] = await server.sql('select credentials from storage_locations where id = $1', [created.body.id]);
    expect(row?.credentials).toBeNull();
  });

  it('adds Azure locations with a SAS token or an account key', async () => {
    const sas = await call('POST', locations(), {
      kind: 'azure',
      name: 'Azure via SAS',
      account: 'tcpastore01',
      container: 'ingest-2026',
      endpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      // As the portal copies it: the leading ? is not part of the token.
      credentials: { mode: 'sas', sasToken: `?${SECRETS.sas}` },
    });
    expect(sas.status, JSON.stringify(sas.body)).toBe(201);
    const [row] = await server.sql<{ credentials: string }>('select credentials from storage_locations where id = $1', [
      sas.body.id,
    ]);
    const opened = server.deps.secretBox.open(row?.credentials ?? '', storageCredentialsContext(sas.body.id));
    expect(JSON.parse(opened ?? '{}')).toEqual({ mode: 'sas', sasToken: SECRETS.sas });
    expect(sas.body).toMatchObject({
      kind: 'azure',
      account: 'tcpastore01',
      container: 'ingest-2026',
      endpoint: 'http://127.0.0.1:10000/devstoreaccount1',
      prefix: '',
      credentials: { mode: 'sas' },
    });
    const key = await call('POST', locations(), {
      kind: 'azure',
      name: 'Azure via key',
      account: 'tcpastore01',
      container: 'exports',
      prefix: 'team-a',
      credentials: { mode: 'account_key', accountKey: SECRETS.accountKey },
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    expect(key.body).toMatchObject({ endpoint: null, prefix: 'team-a', credentials: { mode: 'account_key' } });
  });

  it('adds GCS locations with a service account key file or HMAC keys, showing only who signs in', async () => {
    const keyFile = await call('POST', locations(), {
      kind: 'gcs',
      name: 'GCS',
      bucket: 'tcpa_media_eu',
      credentials: { mode: 'service_account', serviceAccountJson },
    });
    expect(keyFile.status, JSON.stringify(keyFile.body)).toBe(201);
    expect(keyFile.body).toMatchObject({
      kind: 'gcs',
      bucket: 'tcpa_media_eu',
      prefix: '',
      credentials: { mode: 'service_account', clientEmail: 'uploader@tcpa-test.iam.gserviceaccount.com' },
    });
    const hmac = await call('POST', locations(), {
      kind: 'gcs',
      name: 'GCS via HMAC',
      bucket: 'tcpa-media-eu',
      prefix: 'raw/2026',
      credentials: { mode: 'hmac', accessId: 'GOOG1EXAMPLEACCESSID', secret: SECRETS.hmac },
    });
    expect(hmac.status, JSON.stringify(hmac.body)).toBe(201);
    expect(hmac.body.credentials).toEqual({ mode: 'hmac', accessId: 'GOOG1EXAMPLEACCESSID' });
  });

  it('lists them by name and gets one', async () => {
    const listed = await call('GET', locations());
    expect(listed.status).toBe(200);
    expect(listed.body.locations.map((location: { name: string }) => location.name)).toEqual([
      'Azure via key',
      'Azure via SAS',
      'Backups',
      'GCS',
      'GCS via HMAC',
      'instance role',
    ]);
    const backups = listed.body.locations.find((location: { name: string }) => location.name === 'Backups');
    const got = await call('GET', `${locations()}/${backups.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(backups);
    const missing = await call('GET', `${locations()}/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Storage location not found');
  });

  it('renames and changes settings keeping the credentials, then replaces them', async () => {
    const [backups] = (await call('GET', locations())).body.locations.filter(
      (location: { name: string }) => location.name === 'Backups',
    );
    const renamed = await call('PATCH', `${locations()}/${backups.id}`, {
      kind: 's3',
      name: 'Nightly backups',
      prefix: 'nightly/v2/',
      endpoint: null,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Nightly backups',
      bucket: 'tcpa-backups',
      prefix: 'nightly/v2/',
      endpoint: null,
      forcePathStyle: true,
      credentials: { mode: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      credentialsUpdatedAt: backups.credentialsUpdatedAt,
    });
    const sealedOf = async () =>
      (
        await server.sql<{ credentials: string }>('select credentials from storage_locations where id = $1', [
          backups.id,
        ])
      )[0]?.credentials;
    const kept = server.deps.secretBox.open((await sealedOf()) ?? '', storageCredentialsContext(backups.id));
    expect(JSON.parse(kept ?? '{}').secretAccessKey).toBe(SECRETS.s3);

    const replaced = await call('PATCH', `${locations()}/${backups.id}`, {
      kind: 's3',
      credentials: { mode: 'access_key', accessKeyId: 'AKIAREPLACEDEXAMPLE', secretAccessKey: SECRETS.s3Replaced },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.credentials).toEqual({ mode: 'access_key', accessKeyId: 'AKIAREPLACEDEXAMPLE' });
    expect(Date.parse(replaced.body.credentialsUpdatedAt)).toBeGreaterThan(Date.parse(backups.credentialsUpdatedAt));
    const opened = server.deps.secretBox.open((await sealedOf()) ?? '', storageCredentialsContext(backups.id));
    expect(JSON.parse(opened ?? '{}').secretAccessKey).toBe(SECRETS.s3Replaced);

    const toAgent = await call('PATCH', `${locations()}/${backups.id}`, { kind: 's3', credentials: { mode: 'agent' } });
    expect(toAgent.body.credentials).toEqual({ mode: 'agent' });
    expect(await sealedOf()).toBeNull();
  });

  it('refuses a duplicate name (any case), another kind, a bad bucket, unknown fields and missing credentials', async () => {
    const duplicate = await call('POST', locations(), { ...s3Body, name: 'nightly BACKUPS' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      message: 'A storage location named "nightly BACKUPS" already exists: pick another name',
      details: { field: 'name' },
    });
    const [gcs] = (await call('GET', locations())).body.locations.filter(
      (location: { name: string }) => location.name === 'GCS',
    );
    const renamedOnto = await call('PATCH', `${locations()}/${gcs.id}`, { kind: 'gcs', name: 'Azure via SAS' });
    expect(renamedOnto.status).toBe(409);
    const otherKind = await call('PATCH', `${locations()}/${gcs.id}`, { kind: 's3', bucket: 'tcpa-backups' });
    expect(otherKind.status).toBe(400);
    expect(otherKind.body.error.message).toBe(
      'kind: this location is gcs, and a location cannot change kind: add a new s3 location instead',
    );

    const refusals: Array<[unknown, RegExp]> = [
      [{ ...s3Body, name: 'a', bucket: 'Tcpa_Backups' }, /^Invalid body: bucket: must hold only lowercase letters/],
      [{ ...s3Body, name: 'a', bucket: 'ab' }, /bucket: must be 3 to 63 characters/],
      [{ ...s3Body, name: 'a', bucket: '192.168.5.4' }, /bucket: must not look like an IP address/],
      [{ ...s3Body, name: 'a', bucket: 'my..bucket' }, /bucket: must not have two dots/],
      [{ ...s3Body, name: 'a', prefix: '/abs' }, /prefix: must not begin with a slash/],
      [{ ...s3Body, name: 'a', prefix: 'a/../b' }, /prefix: must not contain "\.\."/],
      [
        { ...s3Body, name: 'a', endpoint: 'ftp://minio.example.com' },
        /endpoint: must be an http:\/\/ or https:\/\/ URL/,
      ],
      [
        { ...s3Body, name: 'a', endpoint: 'https://key:secret@minio.example.com' },
        /endpoint: must not hold a user name/,
      ],
      [{ ...s3Body, name: 'a', acl: 'public-read' }, /unknown field "acl"/],
      [
        { ...s3Body, name: 'a', credentials: { ...s3Body.credentials, sessionToken: 'x' } },
        /unknown field "sessionToken" in credentials/,
      ],
      [
        { ...s3Body, name: 'a', credentials: undefined },
        /credentials: required: how the location signs in \(mode "access_key"/,
      ],
      [
        { ...s3Body, name: 'a', credentials: { mode: 'access_key', accessKeyId: 'AKIA' } },
        /credentials\.secretAccessKey:/,
      ],
      [
        {
          kind: 'azure',
          name: 'a',
          account: 'Tcpa-Store',
          container: 'c1c',
          credentials: { mode: 'sas', sasToken: 'x' },
        },
        /account: must be 3 to 24 lowercase letters and digits/,
      ],
      [
        {
          kind: 'azure',
          name: 'a',
          account: 'tcpa',
          container: 'box',
          credentials: { mode: 'account_key', accountKey: 'key!' },
        },
        /credentials\.accountKey: must be the storage account key as the portal shows it \(base64\)/,
      ],
      [
        {
          kind: 'azure',
          name: 'a',
          account: 'tcpa',
          container: 'in--box',
          credentials: { mode: 'sas', sasToken: 'x' },
        },
        /container: must hold only lowercase letters, digits and single hyphens/,
      ],
      [
        { kind: 'gcs', name: 'a', bucket: 'google-media', credentials: { mode: 'hmac', accessId: 'x', secret: 'y' } },
        /bucket: must not begin with "goog" or contain "google"/,
      ],
      [
        {
          kind: 'gcs',
          name: 'a',
          bucket: 'media',
          credentials: { mode: 'service_account', serviceAccountJson: 'not json' },
        },
        /credentials\.serviceAccountJson: must be the service account’s JSON key file/,
      ],
      [
        {
          kind: 'gcs',
          name: 'a',
          bucket: 'media',
          credentials: { mode: 'service_account', serviceAccountJson: JSON.stringify({ type: 'service_account' }) },
        },
        /client_email/,
      ],
      [{ kind: 'ftp', name: 'a' }, /^Invalid body: kind:/],
    ];
    for (const [body, message] of refusals) {
      const refused = await call('POST', locations(), body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.message, JSON.stringify(body)).toMatch(message);
    }
  });

  it('never shows a secret, and keeps none in clear in the database (audit log included)', async () => {
    const texts = JSON.stringify(answers);
    expect(texts).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(texts).not.toContain(MARKER);
    const database = await everyRowAsText(server.testDatabase.database);
    expect(database).toContain('storage_location.created');
    for (const secret of [...Object.values(SECRETS), MARKER]) expect(database).not.toContain(secret);
  });

  it('deletes a location', async () => {
    const [hmac] = (await call('GET', locations())).body.locations.filter(
      (location: { name: string }) => location.name === 'GCS via HMAC',
    );
    expect((await call('DELETE', `${locations()}/${hmac.id}`)).status).toBe(204);
    expect((await call('GET', `${locations()}/${hmac.id}`)).status).toBe(404);
    expect((await call('DELETE', `${locations()}/${hmac.id}`)).status).toBe(404);
    const [audit] = await server.sql<{ details: Record<string, unknown> }>(
      "select details from audit_log where action = 'storage_location.deleted'",
    );
    expect(audit?.details).toEqual({ projectId, name: 'GCS via HMAC', kind: 'gcs' });
  });

  it('takes a key file as long as the API allows (20,000 characters), sealed whole', async () => {
    const base = JSON.parse(serviceAccountJson);
    const padding = 'A'.repeat(20_000 - JSON.stringify({ ...base, private_key: '' }).length - 60);
    const long = JSON.stringify({
      ...base,
      private_key: `-----BEGIN PRIVATE KEY-----\n${padding}\n-----END PRIVATE KEY-----\n`,
    });
    expect(long.length).toBeLessThanOrEqual(20_000);
    const created = await call('POST', locations(), {
      kind: 'gcs',
      name: 'long key',
      bucket: 'media-long',
      credentials: { mode: 'service_account', serviceAccountJson: long },
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    expect((await call('DELETE', `${locations()}/${created.body.id}`)).status).toBe(204);
  });

  it('lets project admins manage locations, operators only read them, and viewers and others not see them', async () => {
    const people: Record<string, Person> = {};
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      people[role] = await invite(server, owner, `project-${role}@storage.test`, 'member');
      await addToProject(server, owner, projectId, people[role], role);
    }
    people.member = await invite(server, owner, 'member@storage.test', 'member');
    people['company admin'] = await invite(server, owner, 'admin@storage.test', 'admin');
    const [some] = (await call('GET', locations())).body.locations;
    const by = (who: string) => people[who] ?? expect.fail(who);
    const cases: Array<[string, string, string, unknown, number]> = [
      ['admin', 'POST', locations(), { ...s3Body, name: 'by project admin' }, 201],
      ['admin', 'PATCH', `${locations()}/${some.id}`, { kind: some.kind, prefix: 'admin' }, 200],
      ['company admin', 'POST', locations(), { ...s3Body, name: 'by company admin' }, 201],
      ['operator', 'GET', locations(), undefined, 200],
      ['operator', 'GET', `${locations()}/${some.id}`, undefined, 200],
      ['operator', 'POST', locations(), { ...s3Body, name: 'by operator' }, 403],
      ['operator', 'PATCH', `${locations()}/${some.id}`, { kind: some.kind, prefix: 'operator' }, 403],
      ['operator', 'DELETE', `${locations()}/${some.id}`, undefined, 403],
      ['viewer', 'GET', locations(), undefined, 403],
      ['viewer', 'GET', `${locations()}/${some.id}`, undefined, 403],
      ['viewer', 'DELETE', `${locations()}/${some.id}`, undefined, 403],
      ['member', 'GET', locations(), undefined, 404],
      ['member', 'POST', locations(), { ...s3Body, name: 'by member' }, 404],
    ];
    const wrong: string[] = [];
    for (const [who, method, path, body, expected] of cases) {
      const response = await call(method, path, body, by(who));
      if (response.status !== expected) wrong.push(`${who} ${method} ${path}: ${response.status} (wanted ${expected})`);
    }
    expect(wrong).toEqual([]);
    const [row] = await server.sql("select settings ->> 'prefix' as prefix from storage_locations where id = $1", [
      some.id,
    ]);
    expect(row?.prefix).toBe('admin');
  });

  it('holds at most 100 locations in a project, and says so', async () => {
    const full = await createProject(server, owner, 'Full');
    await server.sql(
      `insert into storage_locations (company_id, project_id, name, kind, settings, credentials_shown)
       select $1, $2, 'location ' || n, 's3', '{"bucket": "media", "region": "us-east-1", "endpoint": null,
         "forcePathStyle": false, "prefix": ""}', '{"mode": "agent"}'
       from generate_series(1, 100) n`,
      [owner.companyId, full],
    );
    const listed = await call('GET', `/api/v1/projects/${full}/storage-locations`);
    expect(listed.body.locations).toHaveLength(100);
    const refused = await call('POST', `/api/v1/projects/${full}/storage-locations`, { ...s3Body, name: 'one more' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'This project already has 100 storage locations, the most a project may have: remove one it no longer uses, or use another project',
    );
  });
});
