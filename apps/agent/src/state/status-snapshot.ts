import { readFileSync } from 'node:fs';
import { AgentStatusSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.ts';
import { statePaths } from './state-paths.ts';

const TimeSchema = z.iso.datetime({ offset: true }).nullable();

/** What a running agent tells `tcpa-agent status`, rewritten every few seconds in `status.json`. */
export const StatusSnapshotSchema = z.strictObject({
  pid: z.number().int(),
  running: z.boolean(),
  startedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  status: AgentStatusSchema,
  connected: z.boolean(),
  lastConnectedAt: TimeSchema,
  lastDisconnectedAt: TimeSchema,
  lastCloseCode: z.number().int().nullable(),
  lastCloseReason: z.string().nullable(),
  /** Why the latest connection attempt failed, while not connected. */
  lastConnectError: z.string().nullable(),
  rttMs: z.number().nullable(),
  telemetryIntervalMs: z.number().int(),
  outboxSize: z.number().int(),
  droppedSamples: z.number().int(),
  foldedSamples: z.number().int(),
  lastSeq: z.number().int(),
  lastAckedSeq: z.number().int(),
  /** The server's clock minus this machine's (ms), as last learned; null before the server told its time. */
  clockOffsetMs: z.number().int().nullable().default(null),
});
export type StatusSnapshot = z.infer<typeof StatusSnapshotSchema>;

export function writeStatusSnapshot(stateDir: string, snapshot: StatusSnapshot): void {
  writeFileAtomic(statePaths(stateDir).status, `${JSON.stringify(StatusSnapshotSchema.parse(snapshot), null, 2)}\n`);
}

/** The last snapshot, or null when the agent never ran here or the file is unreadable. */
export function readStatusSnapshot(stateDir: string): StatusSnapshot | null {
  try {
    const parsed = StatusSnapshotSchema.safeParse(JSON.parse(readFileSync(statePaths(stateDir).status, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
