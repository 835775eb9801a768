import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  AgentMessageSchema,
  type CloudRequestMessage,
  type CloudTransferStartArgs,
  CloudTransferStartArgsSchema,
  commandMessage,
  type EnrolResponse,
} from '@tcpa/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../../server/test/support/local-s3.ts';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { readAgentState, writeAgentState } from '../../src/state/agent-state.ts';
import { enrolEndpoint } from '../support/enrol-endpoint.ts';
import { type CliRun, runCli, startCli } from '../support/run-cli.ts';
import { s3ControlDouble } from '../support/s3-control-double.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { startTestWsServer } from '../support/ws-server.ts';

const tempDir = useTempDirs();
const MIB = 1024 * 1024;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.close();
});

/** A control plane that enrols one agent, greets it, acknowledges its reports and answers its cloud requests. */
async function controlPlane(double: ReturnType<typeof s3ControlDouble>) {
  const enrolment: EnrolResponse = {
    agentId: randomUUID(),
    projectId: randomUUID(),
    companyId: randomUUID(),
    status: 'active',
    tags: [],
    config: { telemetryIntervalMs: 5_000, planId: 'free' },
  };
  const reports: Record<string, unknown>[] = [];
  const server = await startTestWsServer({
    onRequest: enrolEndpoint(() => ({ status: 201, body: enrolment }), []),
    onConnection: (connection) => {
      connection.socket.on('message', (data) => {
        const message = AgentMessageSchema.parse(JSON.parse(data.toString()));
        if (message.type === 'ping') connection.socket.send(JSON.stringify({ type: 'pong', id: message.id }));
        if (message.type === 'cloud_request') {
          void double.reply(message).then((reply) => connection.socket.send(JSON.stringify(reply)));
        }
        if (message.type === 'transfer_files' || message.type === 'transfer_outcome') {
          reports.push(message);
          if (message.seq) connection.socket.send(JSON.stringify({ type: 'transfer_ack', seq: message.seq }));
        }
      });
      connection.socket.send(
        JSON.stringify({ type: 'hello', agentId: enrolment.agentId, status: 'active', config: enrolment.config }),
      );
    },
  });
  cleanups.push(() => server.close());
  return { server, reports };
}

function startAgent(stateDir: string): CliRun {
  const run = startCli(['run', '--state-dir', stateDir]);
  cleanups.push(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await run.exited;
  });
  return run;
}

const partsOf = (requests: CloudRequestMessage[], op: 'part_urls' | 'parts_done') =>
  requests.flatMap((message) =>
    message.operation.op === op ? message.operation.parts.map((part) => part.partNumber) : [],
  );

describe('a cloud upload survives kill -9 of the agent', () => {
  it('resumes the same multipart upload on the next attempt without sending journaled parts again', async () => {
    const prefix = `kill-${randomUUID()}/`;
    const double = s3ControlDouble(s3, prefix);
    cleanups.push(async () => double.close());
    const { server, reports } = await controlPlane(double);
    const stateDir = tempDir();
    const root = tempDir();
    expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);
    writeAgentState(stateDir, { ...readAgentState(stateDir), roots: [root] });
    mkdirSync(join(root, 'data'));
    const file = randomBytes(64 * MIB);
    writeFileSync(join(root, 'data', 'big.bin'), file);

    const args: CloudTransferStartArgs = CloudTransferStartArgsSchema.parse({
      transferId: randomUUID(),
      attempt: 1,
      direction: 'upload',
      sourcePaths: ['data'],
      storeLabel: `s3://${s3.bucket}/${prefix}`,
      overwrite: 'overwrite',
      symlinks: 'preserve',
      // 20 MiB/s: 13 parts take a few seconds, long enough to be killed in the middle.
      bandwidthLimitBps: 20 * MIB * 8,
      partSizeBytes: 5 * MIB,
      concurrency: 2,
    });
    const first = startAgent(stateDir);
    const firstConnection = await server.connection(0, 30_000);
    firstConnection.socket.send(JSON.stringify(commandMessage({ name: 'transfer.cloud_start', args })));
    await waitUntil('three parts stored', () => partsOf(double.seen, 'parts_done').length >= 3, 60_000, 20);
    first.child.kill('SIGKILL');
    await first.exited;
    const toldBeforeKill = new Set(partsOf(double.seen, 'parts_done'));
    const askedBeforeKill = double.seen.length;
    const firstUploadId = [...double.uploads.values()][0]?.uploadId;
    expect(toldBeforeKill.size).toBeLessThan(13);
    // What the journal held at the kill: the parts told to the control plane, and never a credential.
    const journal = readFileSync(join(stateDir, 'cloud-journal', `${args.transferId}.jsonl`), 'utf8');
    expect(journal).toContain(`"uploadId":"${firstUploadId}"`);
    expect(journal).not.toMatch(/X-Amz-Signature|S3RVER|http:\/\//);

    const second = startAgent(stateDir);
    const secondConnection = await server.connection(1, 30_000);
    secondConnection.socket.send(
      JSON.stringify(commandMessage({ name: 'transfer.cloud_start', args: { ...args, attempt: 2 } })),
    );
    await waitUntil('the outcome', () => reports.some((report) => report.type === 'transfer_outcome'), 90_000, 20);
    const outcome = reports.find((report) => report.type === 'transfer_outcome');
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ transferId: args.transferId, state: 'succeeded' });

    const afterKill = double.seen.slice(askedBeforeKill);
    const begun = afterKill.find((message) => message.operation.op === 'multipart_begin');
    expect(begun?.attempt).toBe(2);
    expect(double.counts.begun).toBe(1); // the same upload id came back
    const askedAgain = partsOf(afterKill, 'part_urls');
    expect(askedAgain.filter((partNumber) => toldBeforeKill.has(partNumber))).toEqual([]);
    expect(new Set([...toldBeforeKill, ...askedAgain]).size).toBe(13);

    const stored = await double.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `${prefix}data/big.bin` }));
    const bytes = Buffer.from(
      await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(file).digest('hex'));

    second.child.kill('SIGTERM');
    await second.exited;
    // No credential in the state folder or what the agent logged.
    expect(readdirSync(join(stateDir, 'cloud-journal'))).toEqual([]);
    const secrets = [s3.credentials.accessKeyId, 'X-Amz-Signature', 'sig=', s3.endpoint];
    const logs = first.stderr() + first.stdout() + second.stderr() + second.stdout();
    expect(secrets.filter((secret) => logs.includes(secret))).toEqual([]);
    for (const name of readdirSync(stateDir, { recursive: true }) as string[]) {
      const path = join(stateDir, name);
      let text: string;
      try {
        text = readFileSync(path, 'latin1');
      } catch {
        continue; // a folder
      }
      expect(
        secrets.filter((secret) => text.includes(secret)),
        name,
      ).toEqual([]);
    }
  }, 240_000);
});
