/**
 * "Test connection" of a storage location: the control plane checks the location with its own
 * keys, then has a named agent upload and read back a small object through short-lived requests
 * (`storage.probe`), so a person learns whether that agent can reach the store.
 */
import { z } from 'zod';
import { CloudHttpRequestSchema } from './cloud-transfers.ts';
import { IdSchema, textSchema } from './common.ts';

/** The probe object's text: small, so it travels in the command. */
export const STORAGE_PROBE_MAX_BYTES = 256;
/** Each of the agent's two requests gives up after this long. */
export const STORAGE_PROBE_REQUEST_TIMEOUT_MS = 10_000;

export const StorageProbeArgsSchema = z.object({
  /** Matches the agent's answer to the request waiting for it. */
  requestId: z.uuid(),
  /** PUT `content` with these headers; then GET it back and compare. */
  upload: CloudHttpRequestSchema,
  download: CloudHttpRequestSchema,
  content: textSchema({ min: 1, max: STORAGE_PROBE_MAX_BYTES, trim: false }),
});
export type StorageProbeArgs = z.infer<typeof StorageProbeArgsSchema>;

/** One request the agent made: the store's status (null when it was not reached) and what went wrong. */
export const StorageProbeStepResultSchema = z.strictObject({
  ok: z.boolean(),
  status: z.number().int().min(100).max(599).nullable(),
  /** Words for a person, never a URL: "connection refused", "403 SignatureDoesNotMatch". */
  error: textSchema({ max: 500 }).nullable(),
});
export type StorageProbeStepResult = z.infer<typeof StorageProbeStepResultSchema>;

/** The agent's `command_result` for `storage.probe`. */
export const StorageProbeResultSchema = z.strictObject({
  upload: StorageProbeStepResultSchema,
  download: StorageProbeStepResultSchema,
});
export type StorageProbeResult = z.infer<typeof StorageProbeResultSchema>;

/** `POST /api/v1/projects/{id}/storage-locations/{locationId}/test` */
export const StorageConnectionTestBodySchema = z.strictObject({
  /** The agent that will move the files: it must be in the project and online. */
  agentId: IdSchema,
});

export const StorageConnectionStepSchema = z.strictObject({
  step: z.enum(['credentials', 'agent_upload', 'agent_download']),
  ok: z.boolean(),
  message: z.string(),
});
export type StorageConnectionStep = z.infer<typeof StorageConnectionStepSchema>;

export const StorageConnectionTestSchema = z.strictObject({
  ok: z.boolean(),
  steps: z.array(StorageConnectionStepSchema),
});
export type StorageConnectionTest = z.infer<typeof StorageConnectionTestSchema>;
