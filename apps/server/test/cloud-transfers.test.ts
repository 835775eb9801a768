import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { type LocalS3, startLocalS3 } from './support/local-s3.ts';

const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array, encoding: 'hex' | 'base64') => createHash('sha256').update(bytes).digest(encoding);

/**
 * Transfers to and from a storage location, on the control plane's side: the API takes a location
 * as one side, the runner agent is told `transfer.cloud_start`, and its `cloud_request`s are answered
 * against a real S3 server (s3rver), URLs the test then uses itself as the agent would.
 */
describe('cloud transfers', () => {
  let server: LiveServer;
  let s3: LocalS3;
  let owner: { token: string; projectId: string; companyId: string };
  let runner: TestAgent;
  let runnerSocket: Peer;
  let locationId: string;
  let otherProjectLocationId: string;

  const transfers = (suffix = '') => `/api/v1/projects/${owner.projectId}/transfers${suffix}`;
  const create = (body: Record<string, unknown>) => server.request('POST', transfers(), { token: owner.token, body });
  const locationBody = (name: string) => ({
    kind: 's3',
    name,
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    prefix: 'team',
    credentials: { mode: 'access_key', ...s3.credentials },
  });

  /** One cloud request from the runner, and its reply. */
  async function ask(transferId: string, attempt: number, operation: Record<string, unknown>) {
    const requestId = randomUUID();
    runnerSocket.send({ type: 'cloud_request', requestId, transferId, attempt, operation });
    return runnerSocket.waitFor((m) => m.type === 'cloud_reply' && m.requestId === requestId, 15_000);
  }

  async function startUpload(prefix: string) {
    const created = await create({
      sourceAgentId: runner.agentId,
      sourcePaths: ['data'],
      destinationLocationId: locationId,
      destinationPrefix: prefix,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    const command = await runnerSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.cloud_start' && m.args.transferId === id,
    );
    return { id, created: created.body, args: command.args };
  }

  beforeAll(async () => {
    [server, s3] = await Promise.all([startLiveServer(), startLocalS3()]);
    owner = await signUpWithProject(server, 'clouds');
    const enrolment = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { reusable: true, preApproved: true },
    });
    runner = await TestAgent.create();
    await runner.enrol(server, enrolment.body.secret, 'runner');
    runnerSocket = await runner.connect(server);
    await runnerSocket.waitFor((m) => m.type === 'hello');
    runnerSocket.send({ type: 'transfer_reconcile', transfers: [] });
    const location = await server.request('POST', `/api/v1/projects/${owner.projectId}/storage-locations`, {
      token: owner.token,
      body: locationBody('Team bucket'),
    });
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    locationId = location.body.id;
    const other = await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'other' } });
    const elsewhere = await server.request('POST', `/api/v1/projects/${other.body.id}/storage-locations`, {
      token: owner.token,
      body: locationBody('Elsewhere'),
    });
    otherProjectLocationId = elsewhere.body.id;
  });
  afterAll(async () => {
    runnerSocket?.close();
    await server?.close();
    await s3?.close();
  });

  it('refuses mixed, missing and two-location sides, and a location of another project', async () => {
    const mixed = await create({
      sourceAgentId: runner.agentId,
      sourcePaths: ['data'],
      sourceLocationId: locationId,
      destinationLocationId: locationId,
    });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(mixed.body)).toMatch(/sourceLocationId.*not both/);

    const missing = await create({ sourceAgentId: runner.agentId, sourcePaths: ['data'] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/a destination is required/);

    const prefixAlone = await create({ sourceAgentId: runner.agentId, sourcePaths: ['data'], destinationPrefix: 'x' });
    expect(prefixAlone.status).toBe(400);
    expect(JSON.stringify(prefixAlone.body)).toMatch(/destinationLocationId is required with destinationPrefix/);

    const twoLocations = await create({ sourceLocationId: locationId, destinationLocationId: locationId });
    expect(twoLocations.status).toBe(400);
    expect(JSON.stringify(twoLocations.body)).toMatch(/needs an agent to carry the bytes/);

    const escaping = await create({
      sourceAgentId: runner.agentId,
      sourcePaths: ['data'],
      destinationLocationId: locationId,
      destinationPrefix: 'a/../../b',
    });
    expect(escaping.status).toBe(400);
    expect(JSON.stringify(escaping.body)).toMatch(/destinationPrefix/);

    const foreign = await create({
      sourceAgentId: runner.agentId,
      sourcePaths: ['data'],
      destinationLocationId: otherProjectLocationId,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('Destination storage location not found in this project');
  });

  it('needs storage:read too when a side is a location', async () => {
    const key = await server.request('POST', '/api/v1/api-keys', {
      token: owner.token,
      body: { name: 'transfers only', scopes: ['transfers:read', 'transfers:write'] },
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const refused = await server.request('POST', transfers(), {
      token: key.body.secret,
      body: { sourceAgentId: runner.agentId, sourcePaths: ['data'], destinationLocationId: locationId },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This API key lacks the scope "storage:read": create a key that has it');
  });

  it('uploads through the runner: put, multipart begun twice as one, parts, completion, listing and ranged reads', async () => {
    const { id, created, args } = await startUpload('up');
    expect(created).toMatchObject({
      sourceAgentId: runner.agentId,
      destinationAgentId: null,
      destinationLocationId: locationId,
      destinationPrefix: 'up',
      storeLabel: `s3://${s3.bucket}/team/up/`,
    });
    expect(args).toMatchObject({
      direction: 'upload',
      sourcePaths: ['data'],
      storeLabel: `s3://${s3.bucket}/team/up/`,
      partSizeBytes: 16 * MiB,
      concurrency: 8,
    });
    const attempt: number = args.attempt;

    const small = new TextEncoder().encode('hello, bucket\n');
    const put = await ask(id, attempt, {
      op: 'put',
      files: [{ key: 'data/small.txt', sizeBytes: small.length, sha256Hex: sha256(small, 'hex') }],
    });
    expect(put.error).toBeUndefined();
    const [putRequest] = put.result.requests;
    expect(putRequest.key).toBe('data/small.txt');
    expect(putRequest.request.expiresAt).toBeGreaterThan(Date.now() + 14 * 60_000);
    const stored = await fetch(putRequest.request.url, {
      method: 'PUT',
      headers: putRequest.request.headers,
      body: small,
    });
    expect(stored.status).toBe(200);

    const big = new Uint8Array(5 * MiB + 10).map((_, index) => index % 251);
    const parts = [big.subarray(0, 5 * MiB), big.subarray(5 * MiB)];
    const begin = { op: 'multipart_begin', key: 'data/big.bin', sizeBytes: big.length, partSizeBytes: 5 * MiB };
    const first = await ask(id, attempt, { ...begin, sha256Hex: sha256(big, 'hex') });
    const again = await ask(id, attempt, { ...begin, sha256Hex: sha256(big, 'hex') });
    expect(first.result.uploadId).toEqual(expect.any(String));
    expect(again.result.uploadId).toBe(first.result.uploadId);
    const uploadId: string = first.result.uploadId;

    const urls = await ask(id, attempt, {
      op: 'part_urls',
      key: 'data/big.bin',
      uploadId,
      parts: parts.map((part, index) => ({ partNumber: index + 1, sha256Base64: sha256(part, 'base64') })),
    });
    expect(urls.error).toBeUndefined();
    const done = [];
    for (const [index, { partNumber, request }] of urls.result.requests.entries()) {
      const part = parts[index] as Uint8Array;
      const response = await fetch(request.url, { method: 'PUT', headers: request.headers, body: part });
      expect(response.status).toBe(200);
      const etag = response.headers.get('etag') ?? '';
      done.push({ partNumber, sizeBytes: part.length, etag, sha256Base64: sha256(part, 'base64') });
    }

    await ask(id, attempt, { op: 'parts_done', key: 'data/big.bin', uploadId, parts: [done[0]] });
    const early = await ask(id, attempt, { op: 'multipart_complete', key: 'data/big.bin', uploadId, partCount: 2 });
    expect(early.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/parts 2 of data\/big\.bin/) });
    const told = await ask(id, attempt, { op: 'parts_done', key: 'data/big.bin', uploadId, parts: done });
    expect(told.result).toEqual({ stored: 2 });
    const completed = await ask(id, attempt, { op: 'multipart_complete', key: 'data/big.bin', uploadId, partCount: 2 });
    expect(completed.error).toBeUndefined();
    const toldAgain = await ask(id, attempt, { op: 'multipart_complete', key: 'data/big.bin', uploadId, partCount: 2 });
    expect(toldAgain).toMatchObject({ result: { etag: null } });

    const listed = await ask(id, attempt, { op: 'list', cursor: null });
    expect(listed.result.objects.map((o: { key: string; sizeBytes: number }) => [o.key, o.sizeBytes])).toEqual([
      ['data/big.bin', big.length],
      ['data/small.txt', small.length],
    ]);

    const reads = await ask(id, attempt, { op: 'get_urls', keys: ['data/big.bin'] });
    const [read] = reads.result.requests;
    expect(read.sha256Header).toBe('x-amz-meta-sha256');
    const ranged = await fetch(read.request.url, {
      headers: { ...read.request.headers, range: 'bytes=5242880-5242889' },
    });
    expect(ranged.status).toBe(206);
    expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(big.subarray(5 * MiB, 5 * MiB + 10));
    expect(ranged.headers.get('x-amz-meta-sha256')).toBe(sha256(big, 'hex'));

    runnerSocket.send({
      type: 'transfer_outcome',
      transferId: id,
      seq: 1,
      state: 'succeeded',
      files: [
        { path: 'data/big.bin', size: big.length, sha256: sha256(big, 'hex'), status: 'done', error: null },
        { path: 'data/small.txt', size: small.length, sha256: sha256(small, 'hex'), status: 'done', error: null },
      ],
    });
    await runnerSocket.waitFor((m) => m.type === 'transfer_ack' && m.seq === 1);
    const shown = await server.request('GET', transfers(`/${id}`), { token: owner.token });
    expect(shown.body.transfer).toMatchObject({ state: 'succeeded', bytesDone: big.length + small.length });
    expect(shown.body.files.map((f: { path: string }) => f.path)).toEqual(['data/big.bin', 'data/small.txt']);
  });

  it('sends files whole to a store without multipart uploads (GCS with a service account key)', async () => {
    const serviceAccountJson = JSON.stringify({
      type: 'service_account',
      project_id: 'tcpa-test',
      private_key_id: 'abc',
      private_key: '-----BEGIN PRIVATE KEY-----\nnot-a-real-key\n-----END PRIVATE KEY-----\n',
      client_email: 'uploader@tcpa-test.iam.gserviceaccount.com',
    });
    const gcs = await server.request('POST', `/api/v1/projects/${owner.projectId}/storage-locations`, {
      token: owner.token,
      body: {
        kind: 'gcs',
        name: 'GCS',
        bucket: 'tcpa-gcs',
        credentials: { mode: 'service_account', serviceAccountJson },
      },
    });
    expect(gcs.status, JSON.stringify(gcs.body)).toBe(201);
    const created = await create({
      sourceAgentId: runner.agentId,
      sourcePaths: ['data'],
      destinationLocationId: gcs.body.id,
    });
    expect(created.status).toBe(201);
    const command = await runnerSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.cloud_start' && m.args.transferId === created.body.id,
    );
    expect(command.args).toMatchObject({ storeLabel: 'gs://tcpa-gcs/', partSizeBytes: 512 * MiB });
    await server.request('POST', transfers(`/${created.body.id}/cancel`), { token: owner.token });
  });

  it('answers stopped for another transfer or a stale attempt, and refuses a key leaving the prefix', async () => {
    const { id, args } = await startUpload('stops');
    const stale = await ask(id, args.attempt - 1, { op: 'stat', keys: ['data/x'] });
    expect(stale.error).toMatchObject({ code: 'stopped' });
    const unknown = await ask(randomUUID(), args.attempt, { op: 'stat', keys: ['data/x'] });
    expect(unknown.error).toMatchObject({ code: 'stopped' });

    const requestId = randomUUID();
    runnerSocket.send({
      type: 'cloud_request',
      requestId,
      transferId: id,
      attempt: args.attempt,
      operation: { op: 'get_urls', keys: ['data/../../other-team/secret.txt'] },
    });
    const refused = await runnerSocket.waitFor((m) => m.type === 'error');
    expect(refused).toMatchObject({ code: 'bad_message', message: expect.stringMatching(/relative to the transfer/) });
    expect(runnerSocket.messages.some((m) => m.type === 'cloud_reply' && m.requestId === requestId)).toBe(false);

    const stat = await ask(id, args.attempt, { op: 'stat', keys: ['data/none'] });
    expect(stat.result).toEqual({ objects: [{ key: 'data/none', exists: false, sizeBytes: null, sha256Hex: null }] });
    // An upload does not delete what is in the location unless it mirrors.
    const deleting = await ask(id, args.attempt, { op: 'delete', keys: ['data/none'] });
    expect(deleting.error).toMatchObject({ code: 'invalid', message: 'a copy upload deletes nothing in the location' });

    const canceled = await server.request('POST', transfers(`/${id}/cancel`), { token: owner.token });
    expect(canceled.status).toBe(200);
    const afterCancel = await ask(id, args.attempt, { op: 'stat', keys: ['data/x'] });
    expect(afterCancel.error).toMatchObject({ code: 'stopped' });
  });

  it('downloads through the destination agent, which may read and list but not write the location', async () => {
    const created = await create({
      sourceLocationId: locationId,
      sourcePrefix: 'up',
      destinationAgentId: runner.agentId,
      destinationDir: 'restore',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ sourceAgentId: null, sourcePaths: null, destinationAgentId: runner.agentId });
    const id: string = created.body.id;
    const command = await runnerSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.cloud_start' && m.args.transferId === id,
    );
    expect(command.args).toMatchObject({ direction: 'download', destinationDir: 'restore', sourcePaths: [] });
    const { attempt } = command.args;
    const listed = await ask(id, attempt, { op: 'list', cursor: null });
    expect(listed.result.objects.map((o: { key: string }) => o.key)).toEqual(['data/big.bin', 'data/small.txt']);
    const writing = await ask(id, attempt, {
      op: 'put',
      files: [{ key: 'x', sizeBytes: 1, sha256Hex: '0'.repeat(64) }],
    });
    expect(writing.error).toMatchObject({
      code: 'invalid',
      message: 'this transfer reads from the location: put writes to it',
    });
    runnerSocket.send({
      type: 'transfer_progress',
      transferId: id,
      bytesDone: 5,
      bytesTotal: 10,
      filesDone: 1,
      filesTotal: 2,
      rateBps: 80,
    });
    // The agent's tuner summary comes too: kept for paths between agents only, and no reason to refuse the outcome.
    const tuning = { streams: 8, chunkSize: 16 * MiB, rateBps: 1e9, rttMs: 1 };
    runnerSocket.send({ type: 'transfer_outcome', transferId: id, seq: 2, state: 'succeeded', files: [], tuning });
    await runnerSocket.waitFor((m) => m.type === 'transfer_ack' && m.seq === 2);
    const shown = await server.request('GET', transfers(`/${id}`), { token: owner.token });
    expect(shown.body.transfer.state).toBe('succeeded');
  });

  it('waits for an offline runner, saying which side it waits for', async () => {
    const enrolment = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { reusable: false, preApproved: true },
    });
    const offline = await TestAgent.create();
    await offline.enrol(server, enrolment.body.secret, 'offline');
    const created = await create({
      sourceLocationId: locationId,
      destinationAgentId: offline.agentId,
      destinationDir: 'x',
    });
    expect(created.status).toBe(201);
    await expect
      .poll(
        async () =>
          (await server.request('GET', transfers(`/${created.body.id}`), { token: owner.token })).body.transfer
            .stateReason,
      )
      .toBe('waiting for the destination agent to come online');
    await server.request('POST', transfers(`/${created.body.id}/cancel`), { token: owner.token });
  });

  it('answers at most 16 requests of an agent at once: more are told to retry later', async () => {
    const { id, args } = await startUpload('busy');
    const requestIds = Array.from({ length: 40 }, () => randomUUID());
    for (const requestId of requestIds) {
      runnerSocket.send({
        type: 'cloud_request',
        requestId,
        transferId: id,
        attempt: args.attempt,
        operation: { op: 'stat', keys: ['data/a', 'data/b'] },
      });
    }
    const replies = await Promise.all(
      requestIds.map((requestId) =>
        runnerSocket.waitFor((m) => m.type === 'cloud_reply' && m.requestId === requestId, 20_000),
      ),
    );
    const throttled = replies.filter((reply) => reply.error?.code === 'throttled');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled[0].error.retryAfterMs).toBeGreaterThan(0);
    expect(replies.filter((reply) => reply.result).length).toBeGreaterThanOrEqual(16);

    // A canceled upload's multipart uploads are given up (s3rver cannot abort: they are marked so).
    const big = { op: 'multipart_begin', key: 'data/left.bin', sizeBytes: 6 * MiB, partSizeBytes: 5 * MiB };
    await ask(id, args.attempt, { ...big, sha256Hex: 'a'.repeat(64) });
    await server.request('POST', transfers(`/${id}/cancel`), { token: owner.token });
    await expect
      .poll(
        async () =>
          (await server.sql<{ state: string }>('select state from cloud_uploads where transfer_id = $1', [id]))[0]
            ?.state,
      )
      .toBe('aborted');
  });

  it('refuses to remove a location unfinished transfers use, naming them', async () => {
    const { id } = await startUpload('kept');
    const path = `/api/v1/projects/${owner.projectId}/storage-locations/${locationId}`;
    const refused = await server.request('DELETE', path, { token: owner.token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(id);
    await server.request('POST', transfers(`/${id}/cancel`), { token: owner.token });
    const removed = await server.request('DELETE', path, { token: owner.token });
    expect(removed.status).toBe(204);
    const history = await server.request('GET', transfers(`/${id}`), { token: owner.token });
    expect(history.body.transfer).toMatchObject({
      state: 'canceled',
      destinationLocationId: null,
      storeLabel: `s3://${s3.bucket}/team/kept/`,
    });
  });
});
