import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { OverwritePolicySchema, RelativePathSchema, SymlinkPolicySchema } from './transfers.ts';

/*
 * job: a named, reusable transfer of a project that runs on its schedules or on "Run now".
 * schedule: a 5-field cron expression in an IANA time zone, or "every N minutes".
 * run: one firing of a job; it starts a transfer (linked by job_id), or is skipped, queued or missed.
 */

/** Only copy runs for now; mirror and move are stored but refused until they land. */
export const JobModeSchema = z.enum(['copy', 'mirror', 'move']);
/** What a firing does while the job's previous transfer is still unfinished. */
export const OverlapPolicySchema = z.enum(['skip', 'queue', 'parallel']);
export const JobRunStatusSchema = z.enum(['started', 'skipped', 'missed', 'queued']);

export const JobScheduleInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('cron'),
    /** Minute, hour, day of month, month, day of week. */
    cron: textSchema({ min: 9, max: 200 }),
    timeZone: textSchema({ min: 1, max: 100 }).default('UTC').describe('IANA time zone, e.g. Europe/Berlin'),
  }),
  z.strictObject({ kind: z.literal('interval'), everyMinutes: z.number().int().min(1).max(527040) }),
]);
export type JobScheduleInput = z.infer<typeof JobScheduleInputSchema>;

const jobFields = {
  name: textSchema({ min: 1, max: 200 }),
  sourceAgentId: IdSchema,
  sourcePaths: z.array(RelativePathSchema).min(1).max(1000),
  destinationAgentId: IdSchema,
  destinationDir: RelativePathSchema,
  mode: JobModeSchema,
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  /** Bits per second; null (on update) lifts the limit. */
  bandwidthLimitBps: z.number().int().min(1000).nullable(),
  priority: z.number().int().min(0).max(9),
  maxAttempts: z.number().int().min(1).max(10),
  overlap: OverlapPolicySchema,
  /** A firing missed while no server ran is run late if it is at most this old; older ones are recorded missed. */
  catchUpSeconds: z.number().int().min(0).max(604800),
  enabled: z.boolean(),
  schedules: z.array(JobScheduleInputSchema).max(10),
};

export const CreateJobBodySchema = z.strictObject({
  ...jobFields,
  mode: jobFields.mode.default('copy'),
  overwrite: jobFields.overwrite.default('skip_identical'),
  symlinks: jobFields.symlinks.default('preserve'),
  bandwidthLimitBps: jobFields.bandwidthLimitBps.optional(),
  priority: jobFields.priority.default(5),
  maxAttempts: jobFields.maxAttempts.default(3),
  overlap: jobFields.overlap.default('skip'),
  catchUpSeconds: jobFields.catchUpSeconds.default(3600),
  enabled: jobFields.enabled.default(true),
  schedules: jobFields.schedules.default([]),
});
export type CreateJobBody = z.infer<typeof CreateJobBodySchema>;

/** Fields left out stay as they are; `schedules`, when given, replaces them all. */
export const UpdateJobBodySchema = z.strictObject(jobFields).partial();
export type UpdateJobBody = z.infer<typeof UpdateJobBodySchema>;

export const JobScheduleSchema = z.strictObject({
  id: IdSchema,
  kind: z.enum(['cron', 'interval']),
  cron: z.string().nullable(),
  timeZone: z.string().nullable(),
  everyMinutes: z.number().int().nullable(),
  /** Null while the job is disabled. */
  nextFireAt: TimestampSchema.nullable(),
});

export const JobSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  sourceAgentId: IdSchema,
  sourcePaths: z.array(z.string()),
  destinationAgentId: IdSchema,
  destinationDir: z.string(),
  mode: JobModeSchema,
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  bandwidthLimitBps: z.number().nullable(),
  priority: z.number().int(),
  maxAttempts: z.number().int(),
  overlap: OverlapPolicySchema,
  catchUpSeconds: z.number().int(),
  enabled: z.boolean(),
  schedules: z.array(JobScheduleSchema),
  /** The next five firings over all its schedules (none while disabled). */
  nextFireTimes: z.array(TimestampSchema).max(5),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Job = z.infer<typeof JobSchema>;
export const JobListSchema = z.strictObject({ jobs: z.array(JobSchema) });

export const JobRunSchema = z.strictObject({
  id: IdSchema,
  jobId: IdSchema.nullable(),
  scheduleId: IdSchema.nullable(),
  trigger: z.enum(['schedule', 'manual']),
  fireTime: TimestampSchema,
  status: JobRunStatusSchema,
  /** Why it was skipped, queued or missed, in words for a person. */
  reason: z.string().nullable(),
  transferId: IdSchema.nullable(),
  createdAt: TimestampSchema,
});
export type JobRun = z.infer<typeof JobRunSchema>;
export const JobRunListSchema = z.strictObject({ runs: z.array(JobRunSchema) });
