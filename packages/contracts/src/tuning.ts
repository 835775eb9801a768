/**
 * The adaptive tuner: settings it turns while a transfer runs, the decisions it records, and
 * what the control plane remembers per path (source agent → destination agent).
 */
import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';

export const MAX_TUNING_STREAMS = 64;
export const MAX_DECISIONS_PER_MESSAGE = 200;

export const TuningSettingSchema = z.strictObject({
  streams: z.number().int().min(1).max(MAX_TUNING_STREAMS),
  chunkSize: z
    .number()
    .int()
    .min(64 * 1024)
    .max(16 * 1024 * 1024),
});
export type TuningSetting = z.infer<typeof TuningSettingSchema>;

/** One change the tuner made, with what it measured and why. */
export const TuningDecisionSchema = z.strictObject({
  /** Order within one attempt of the transfer (0, 1, …). */
  seq: z.number().int().nonnegative(),
  at: TimestampSchema,
  from: TuningSettingSchema,
  to: TuningSettingSchema,
  /** Throughput measured with `from` in the interval that led to the decision. */
  throughputBps: z.number().nonnegative(),
  /** Throughput of the setting it was compared with, when it was a comparison. */
  baselineBps: z.number().nonnegative().nullable(),
  /** Median chunk acknowledgement time in that interval (RTT plus queueing). */
  rttMs: z.number().nonnegative().nullable(),
  /** Retransmitted share of segments in that interval, where the host exposes it. */
  lossRate: z.number().min(0).max(1).nullable(),
  reason: textSchema({ max: 500, multiline: true }),
});
export type TuningDecision = z.infer<typeof TuningDecisionSchema>;

/** What the tuner ended with: recorded as the path's history when the transfer succeeds. */
export const TuningSummarySchema = TuningSettingSchema.extend({
  rateBps: z.number().nonnegative(),
  rttMs: z.number().nonnegative().nullable(),
});
export type TuningSummary = z.infer<typeof TuningSummarySchema>;

/** What worked last time from one agent to another; the next transfer on the path starts from it. */
export const TransferPathSchema = z.strictObject({
  sourceAgentId: IdSchema,
  destinationAgentId: IdSchema,
  streams: z.number().int(),
  chunkSize: z.number().int(),
  rateBps: z.number(),
  rttMs: z.number().nullable(),
  transfers: z.number().int(),
  updatedAt: TimestampSchema,
});
export type TransferPath = z.infer<typeof TransferPathSchema>;
export const TransferPathListSchema = z.strictObject({ paths: z.array(TransferPathSchema) });
