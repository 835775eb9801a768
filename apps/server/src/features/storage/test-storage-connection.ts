import { createHash, randomUUID } from 'node:crypto';
import {
  STORAGE_PROBE_REQUEST_TIMEOUT_MS,
  type StorageConnectionStep,
  type StorageConnectionTest,
  StorageProbeResultSchema,
  type StorageProbeStepResult,
} from '@tcpa/contracts';
import { AppError } from '../../http/app-error.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { CloudStoreError } from './cloud-store.ts';
import { type OpenedLocation, openLocationStore } from './open-location-store.ts';

/** The probe object's folder under the location's prefix; removed after the test. */
export const CONNECTION_TEST_FOLDER = '.tcpa-connection-test/';
/** Both requests, and some room for the message to travel. */
const PROBE_TIMEOUT_MS = 2 * STORAGE_PROBE_REQUEST_TIMEOUT_MS + 5_000;
const PROBE_URL_LIFETIME_MS = 5 * 60_000;

type Deps = Pick<ServerDeps, 'database' | 'secretBox' | 'agents' | 'log'>;
const step = (name: StorageConnectionStep['step'], ok: boolean, message: string): StorageConnectionStep => ({
  step: name,
  ok,
  message,
});
const wordsOf = (error: unknown) => {
  if (error instanceof CloudStoreError) return error.message;
  throw error;
};

/**
 * "Test connection": (1) the control plane lists the location with its keys; (2) the agent uploads
 * a small object through a short-lived request and (3) reads it back; then the control plane
 * deletes it. Each step says what failed in words a person acts on. 409 when the agent is offline.
 */
export async function testStorageConnection(
  deps: Deps,
  projectId: string,
  locationId: string,
  agent: { id: string; name: string },
): Promise<StorageConnectionTest> {
  let opened: OpenedLocation;
  try {
    opened = await openLocationStore(deps.database, deps.secretBox, projectId, locationId);
  } catch (error) {
    const words = wordsOf(error);
    const notTried = 'not tried: the control plane cannot use this location';
    return {
      ok: false,
      steps: [
        step('credentials', false, words),
        step('agent_upload', false, notTried),
        step('agent_download', false, notTried),
      ],
    };
  }
  try {
    const { store, prefix } = opened;
    const checked = await store.check(prefix).then(
      () => step('credentials', true, `the control plane listed ${store.label} with the location's credentials`),
      (error: unknown) => step('credentials', false, wordsOf(error)),
    );
    const key = `${prefix}${CONNECTION_TEST_FOLDER}${randomUUID()}`;
    const agentSteps = await probeThroughAgent(deps, opened, key, agent);
    await store.delete([key]).catch((error: unknown) => {
      deps.log.warn(`connection test object in ${store.label} not removed: ${wordsOf(error)}`);
    });
    const steps = [checked, ...agentSteps];
    return { ok: steps.every((each) => each.ok), steps };
  } finally {
    opened.close();
  }
}

async function probeThroughAgent(
  deps: Deps,
  { store }: OpenedLocation,
  key: string,
  agent: { id: string; name: string },
): Promise<StorageConnectionStep[]> {
  const failedBoth = (words: string) => [step('agent_upload', false, words), step('agent_download', false, words)];
  const content = `TCP Agent Platform connection test ${new Date().toISOString()}`;
  const sha256Hex = createHash('sha256').update(content).digest('hex');
  const expiresAt = Date.now() + PROBE_URL_LIFETIME_MS;
  let requests: Awaited<ReturnType<typeof store.presignPut>>;
  let reads: Awaited<ReturnType<typeof store.presignGet>>;
  try {
    requests = await store.presignPut([{ key, sizeBytes: Buffer.byteLength(content), sha256Hex }], expiresAt);
    reads = await store.presignGet([key], expiresAt);
  } catch (error) {
    return failedBoth(`the control plane could not sign the test requests: ${wordsOf(error)}`);
  }
  const upload = requests[0]?.request;
  const download = reads[0]?.request;
  if (!upload || !download) return failedBoth('the control plane could not sign the test requests');
  if (store.partChecksum === 'content-md5') {
    upload.headers['content-md5'] = createHash('md5').update(content).digest('base64');
  }

  const outcome = await deps.agents.request(
    agent.id,
    (requestId) => ({ name: 'storage.probe', args: { requestId, upload, download, content } }),
    { timeoutMs: PROBE_TIMEOUT_MS },
  );
  switch (outcome.kind) {
    case 'offline':
      throw new AppError('conflict', `Agent "${agent.name}" is offline: it tests a location only while connected`, {
        reason: 'agent_offline',
      });
    case 'busy':
      throw new AppError('rate_limited', `Agent "${agent.name}" is still answering earlier requests: try again`, {
        reason: 'agent_busy',
      });
    case 'timeout':
      return failedBoth(`agent "${agent.name}" did not answer in ${PROBE_TIMEOUT_MS / 1000} s`);
  }
  if (!outcome.ok) return failedBoth(`agent "${agent.name}" could not run the test: ${outcome.error}`);
  const result = StorageProbeResultSchema.safeParse(outcome.result);
  if (!result.success) return failedBoth(`agent "${agent.name}" answered with something not a test result`);
  return [
    step(
      'agent_upload',
      result.data.upload.ok,
      result.data.upload.ok
        ? `agent "${agent.name}" uploaded a test object to ${store.label}`
        : probeFailure(agent.name, 'upload', result.data.upload),
    ),
    step(
      'agent_download',
      result.data.download.ok,
      result.data.download.ok
        ? `agent "${agent.name}" read the test object back, byte for byte`
        : probeFailure(agent.name, 'download', result.data.download),
    ),
  ];
}

/** What the agent met, and what a person can do about it. */
function probeFailure(agentName: string, what: 'upload' | 'download', result: StorageProbeStepResult): string {
  const error = result.error ?? 'failed';
  if (result.status === null) {
    // The agent's own words: "could not reach host:port: connection refused", or why it did not try.
    return error.startsWith('not tried')
      ? `agent "${agentName}" did not try the ${what}: its upload failed`
      : `agent "${agentName}" ${error}`;
  }
  const hint =
    result.status === 403
      ? ": check the credentials' permissions on this bucket or container, and the agent machine's clock"
      : result.status === 404
        ? ': check the bucket or container name'
        : '';
  return `the store refused agent "${agentName}"'s ${what}: ${error}${hint}`;
}
