import { z } from 'zod';

export const HealthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.strictObject({
    kind: z.enum(['pglite', 'postgres']),
    status: z.enum(['ok', 'unreachable']),
    latencyMs: z.number().nullable(),
  }),
});
export type Health = z.infer<typeof HealthSchema>;
