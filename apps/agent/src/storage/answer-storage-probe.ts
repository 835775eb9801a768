import {
  type AgentMessage,
  type CloudHttpRequest,
  type CommandId,
  NETWORK_ERROR_WORDS,
  STORAGE_PROBE_REQUEST_TIMEOUT_MS,
  type StorageProbeArgs,
  type StorageProbeResult,
  type StorageProbeStepResult,
} from '@tcpa/contracts';
import type { Log } from '../log.ts';

/**
 * Answers `storage.probe` ("Test connection"): PUTs the small object through the request given,
 * GETs it back and compares. Each request gives up after 10 s. The requests carry a signature or
 * a SAS: they are never logged, and the answer names only the store's host and what went wrong.
 */
export async function answerStorageProbe(
  command: { commandId: CommandId; args: StorageProbeArgs },
  send: (message: AgentMessage) => boolean,
  log: Log,
): Promise<void> {
  const { commandId, args } = command;
  const upload = await attempt(args.upload, args.content);
  const download = upload.ok
    ? await attempt(args.download, undefined, args.content)
    : { ok: false, status: null, error: 'not tried: the upload failed' };
  const result: StorageProbeResult = { upload, download };
  if (!upload.ok || !download.ok) {
    log.warn(`storage connection test to ${new URL(args.upload.url).host} failed: ${upload.error ?? download.error}`);
  }
  send({ type: 'command_result', commandId, ok: true, result });
}

async function attempt(request: CloudHttpRequest, body?: string, expected?: string): Promise<StorageProbeStepResult> {
  const host = new URL(request.url).host;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: AbortSignal.timeout(STORAGE_PROBE_REQUEST_TIMEOUT_MS),
    });
    const text = (await response.text()).slice(0, 64 * 1024);
    if (!response.ok) {
      // S3, GCS and Azure all answer an XML <Code>: a word from a fixed list, never a secret.
      const code = /<Code>([A-Za-z0-9.]{1,100})<\/Code>/.exec(text)?.[1] ?? response.headers.get('x-ms-error-code');
      return {
        ok: false,
        status: response.status,
        error: `${host} answered ${response.status}${code ? ` ${code}` : ''}`,
      };
    }
    if (expected !== undefined && text !== expected) {
      return { ok: false, status: response.status, error: `${host} sent back other bytes than were uploaded` };
    }
    return { ok: true, status: response.status, error: null };
  } catch (error) {
    return { ok: false, status: null, error: `could not reach ${host}: ${networkWords(error)}` };
  }
}

function networkWords(error: unknown): string {
  if ((error as { name?: string }).name === 'TimeoutError') {
    return `no answer in ${STORAGE_PROBE_REQUEST_TIMEOUT_MS / 1000} s`;
  }
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return NETWORK_ERROR_WORDS[code] ?? code;
    if ((current as { message?: unknown }).message === 'bad port') return 'fetch refuses to use that port';
    current = (current as { cause?: unknown }).cause;
  }
  return 'the request failed';
}
