/**
 * Latencies in whole milliseconds (sample timestamps are integer epoch ms), counted in one bin
 * per millisecond up to MAX_MS; anything slower lands in the last bin. Cheap enough to record
 * every message at 100,000/s, and exact at that resolution. Travels between processes as
 * sparse [ms, count] pairs.
 */
import { z } from 'zod';

const MAX_MS = 60_000;

export const HistogramDataSchema = z.array(z.tuple([z.number().int().min(0), z.number().int().min(1)]));
export type HistogramData = z.infer<typeof HistogramDataSchema>;

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export class Histogram {
  private readonly bins = new Float64Array(MAX_MS + 1);
  count = 0;
  private sum = 0;

  record(ms: number): void {
    const bin = Math.min(MAX_MS, Math.max(0, Math.round(ms)));
    this.bins[bin] = (this.bins[bin] ?? 0) + 1;
    this.count++;
    this.sum += bin;
  }

  add(data: HistogramData): void {
    for (const [ms, count] of data) {
      const bin = Math.min(MAX_MS, ms);
      this.bins[bin] = (this.bins[bin] ?? 0) + count;
      this.count += count;
      this.sum += bin * count;
    }
  }

  toData(): HistogramData {
    const data: HistogramData = [];
    this.bins.forEach((count, ms) => {
      if (count > 0) data.push([ms, count]);
    });
    return data;
  }

  /** The smallest latency that at least `fraction` of the recorded values do not exceed. */
  percentile(fraction: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (let ms = 0; ms <= MAX_MS; ms++) {
      seen += this.bins[ms] ?? 0;
      if (seen >= rank) return ms;
    }
    return MAX_MS;
  }

  summary(): LatencySummary {
    let max = Number.NaN;
    for (let ms = MAX_MS; ms >= 0 && this.count > 0; ms--) {
      if ((this.bins[ms] ?? 0) > 0) {
        max = ms;
        break;
      }
    }
    return {
      count: this.count,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max,
      mean: this.count > 0 ? this.sum / this.count : Number.NaN,
    };
  }
}
