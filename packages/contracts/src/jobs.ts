import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { TransferFiltersSchema } from './transfer-filters.ts';
import {
  OverwritePolicySchema,
  RelativePathSchema,
  SymlinkPolicySchema,
  TransferModeSchema,
  TransferPrefixSchema,
  transferEndpointIssues,
} from './transfers.ts';

/*
 * job: a named, reusable transfer of a project that runs on its schedules or on "Run now".
 * schedule: a 5-field cron expression in an IANA time zone, or "every N minutes".
 * run: one firing of a job; it starts a transfer (linked by job_id), or is skipped, queued or missed.
 */

export const JobModeSchema = TransferModeSchema;
/** What a firing does while the job's previous transfer is still unfinished. */
export const OverlapPolicySchema = z.enum(['skip', 'queue', 'parallel']);
/**
 * `started` while its transfer runs; then `succeeded`, `failed` or `canceled` as it ends. `skipped`,
 * `missed` and `queued` (waiting for the previous run) never started one (yet).
 */
export const JobRunStatusSchema = z.enum(['started', 'succeeded', 'failed', 'canceled', 'skipped', 'missed', 'queued']);

/**
 * A job's filters: a transfer's, plus `changedSinceLastRun`: only files modified since the last
 * successful run of the job started are sent (all of them on the first run). In a mirror, files
 * left out that way still count as present: they are never deleted for it.
 */
export const JobFiltersSchema = TransferFiltersSchema.safeExtend({ changedSinceLastRun: z.boolean().optional() });
export type JobFilters = z.infer<typeof JobFiltersSchema>;

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
  sourceLocationId: IdSchema.describe('a storage location of the project each run downloads from'),
  sourcePrefix: TransferPrefixSchema.describe(
    'with sourceLocationId: the objects under this prefix (inside the location’s) are sent; default: all of them',
  ),
  destinationAgentId: IdSchema,
  destinationDir: RelativePathSchema,
  destinationLocationId: IdSchema.describe('a storage location of the project each run uploads to'),
  destinationPrefix: TransferPrefixSchema.describe(
    'with destinationLocationId: where the files go, under the location’s prefix; default: the location’s prefix',
  ),
  mode: JobModeSchema,
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  /** Null (on update) removes them. */
  filters: JobFiltersSchema.nullable(),
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

/** Which fields name a job's two sides: an update that names one of a side's replaces that whole side. */
export const JOB_ENDPOINT_FIELDS = {
  source: ['sourceAgentId', 'sourcePaths', 'sourceLocationId', 'sourcePrefix'],
  destination: ['destinationAgentId', 'destinationDir', 'destinationLocationId', 'destinationPrefix'],
} as const;

/** A job's two sides alone, checked as a transfer's are (each an agent or a location; one agent at least). */
export const JobEndpointsSchema = z
  .strictObject({
    sourceAgentId: jobFields.sourceAgentId.optional(),
    sourcePaths: jobFields.sourcePaths.optional(),
    sourceLocationId: jobFields.sourceLocationId.optional(),
    sourcePrefix: jobFields.sourcePrefix.optional(),
    destinationAgentId: jobFields.destinationAgentId.optional(),
    destinationDir: jobFields.destinationDir.optional(),
    destinationLocationId: jobFields.destinationLocationId.optional(),
    destinationPrefix: jobFields.destinationPrefix.optional(),
  })
  .superRefine((body, context) => {
    for (const issue of transferEndpointIssues(body)) context.addIssue({ code: 'custom', ...issue });
  });
export type JobEndpoints = z.infer<typeof JobEndpointsSchema>;

/**
 * Each side is an agent (`sourceAgentId` with `sourcePaths`, `destinationAgentId` with
 * `destinationDir`) or a storage location of the project, with an optional prefix in it.
 */
export const CreateJobBodySchema = z
  .strictObject({
    ...jobFields,
    ...JobEndpointsSchema.shape,
    mode: jobFields.mode.default('copy'),
    overwrite: jobFields.overwrite.default('skip_identical'),
    symlinks: jobFields.symlinks.default('preserve'),
    filters: jobFields.filters.default(null),
    bandwidthLimitBps: jobFields.bandwidthLimitBps.optional(),
    priority: jobFields.priority.default(5),
    maxAttempts: jobFields.maxAttempts.default(3),
    overlap: jobFields.overlap.default('skip'),
    catchUpSeconds: jobFields.catchUpSeconds.default(3600),
    enabled: jobFields.enabled.default(true),
    schedules: jobFields.schedules.default([]),
  })
  .superRefine((body, context) => {
    for (const issue of transferEndpointIssues(body)) context.addIssue({ code: 'custom', ...issue });
  });
export type CreateJobBody = z.infer<typeof CreateJobBodySchema>;

/**
 * Fields left out stay as they are; `schedules`, when given, replaces them all. A side named in
 * part keeps the rest of it (new `sourcePaths` keep the agent); naming a location where an agent was
 * (or the reverse) replaces the whole side.
 */
export const UpdateJobBodySchema = z
  .strictObject(jobFields)
  .partial()
  .superRefine((body, context) => {
    for (const [agent, place, location, prefix] of Object.values(JOB_ENDPOINT_FIELDS)) {
      const toAgent = body[agent] !== undefined || body[place] !== undefined;
      const toLocation = body[location] !== undefined || body[prefix] !== undefined;
      if (toAgent && toLocation)
        context.addIssue({
          code: 'custom',
          path: [body[location] !== undefined ? location : prefix],
          message: `give ${agent} with ${place} or ${location}, not both`,
        });
    }
  });
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
  /** What the run's transfer did, once it ended (null before, and for runs that never started). */
  filesCopied: z.number().int().nullable(),
  bytesCopied: z.number().nullable(),
  filesDeleted: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type JobRun = z.infer<typeof JobRunSchema>;
export const JobSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  /** Null when the source is a storage location. */
  sourceAgentId: IdSchema.nullable(),
  sourcePaths: z.array(z.string()).nullable(),
  sourceLocationId: IdSchema.nullable(),
  sourcePrefix: z.string().nullable(),
  /** Null when the destination is a storage location. */
  destinationAgentId: IdSchema.nullable(),
  destinationDir: z.string().nullable(),
  destinationLocationId: IdSchema.nullable(),
  destinationPrefix: z.string().nullable(),
  mode: JobModeSchema,
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  filters: JobFiltersSchema.nullable(),
  bandwidthLimitBps: z.number().nullable(),
  priority: z.number().int(),
  maxAttempts: z.number().int(),
  overlap: OverlapPolicySchema,
  catchUpSeconds: z.number().int(),
  enabled: z.boolean(),
  schedules: z.array(JobScheduleSchema),
  /** The next five firings over all its schedules (none while disabled). */
  nextFireTimes: z.array(TimestampSchema).max(5),
  /** Its newest run (by fire time), or null before the first. */
  lastRun: JobRunSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Job = z.infer<typeof JobSchema>;
export const JobListSchema = z.strictObject({ jobs: z.array(JobSchema) });

export const JobRunListSchema = z.strictObject({ runs: z.array(JobRunSchema) });

/** Most paths a preview lists per list; counts and bytes always cover them all. */
export const MAX_PREVIEW_PATHS = 1000;

const PlannedFilesSchema = z.strictObject({
  count: z.number().int().min(0),
  bytes: z.number().min(0),
  /** The first MAX_PREVIEW_PATHS, relative to the source path's parent (send, unchanged, deleteAtSource) or to the destination directory (deleteAtDestination). */
  paths: z.array(z.strictObject({ path: z.string(), size: z.number().min(0) })).max(MAX_PREVIEW_PATHS),
  truncated: z.boolean(),
});

/**
 * What a run would do now, worked out by both agents over the data channel exactly as a run plans
 * (same walk, filters and comparison), without sending or deleting anything.
 */
export const TransferPlanSchema = z.strictObject({
  /** Files the run would write at the destination. */
  send: PlannedFilesSchema,
  /** Files the destination already holds identical: nothing sent. */
  unchanged: PlannedFilesSchema,
  /** Mirror: what would be deleted below the destination directory. */
  deleteAtDestination: PlannedFilesSchema,
  /** Move: source files that would be deleted once verified at the destination (send + unchanged). */
  deleteAtSource: PlannedFilesSchema,
  /** Entries left out with the reason (links out of the folder, unreadable files…), first MAX_PREVIEW_PATHS. */
  skippedSources: z.array(z.strictObject({ path: z.string(), reason: z.string() })).max(MAX_PREVIEW_PATHS),
});
export type TransferPlan = z.infer<typeof TransferPlanSchema>;

/** `POST …/jobs/{jobId}/preview`: the plan, and when and for which mode it was made. */
export const JobPreviewSchema = z.strictObject({
  jobId: IdSchema,
  mode: JobModeSchema,
  plannedAt: TimestampSchema,
  plan: TransferPlanSchema,
});
export type JobPreview = z.infer<typeof JobPreviewSchema>;
