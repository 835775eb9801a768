import { readFile, stat, statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem } from 'node:os';

export interface CpuTimes {
  busy: number;
  total: number;
}

/** CPU time summed over all cores since boot (ms). */
export function readCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Overall CPU use between two readings, 0–100 (100 = every core busy), not 100 per core. */
export function cpuPercentBetween(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, (100 * (after.busy - before.busy)) / total));
}

export function readMemory(): { memUsedBytes: number; memTotalBytes: number } {
  const memTotalBytes = totalmem();
  return { memTotalBytes, memUsedBytes: Math.max(0, memTotalBytes - freemem()) };
}

/**
 * Free space for an unprivileged user and the size of the same file systems, each summed over the
 * roots' distinct devices (two roots on one file system count once), so free/total is the share
 * `df` shows as available. Roots that cannot be read are skipped and counted as failures.
 */
export async function readDiskFree(
  roots: readonly string[],
): Promise<{ bytes: number; totalBytes: number; failures: number }> {
  const seenDevices = new Set<number>();
  let bytes = 0;
  let totalBytes = 0;
  let failures = 0;
  for (const root of roots) {
    try {
      const { dev } = await stat(root);
      if (seenDevices.has(dev)) continue;
      seenDevices.add(dev);
      const space = await statfs(root);
      bytes += space.bavail * space.bsize;
      totalBytes += space.blocks * space.bsize;
    } catch {
      failures++;
    }
  }
  return { bytes, totalBytes, failures };
}

export interface NetCounters {
  netRxBytes: number;
  netTxBytes: number;
}

/** Cumulative bytes received and sent over non-loopback interfaces (Linux); zeros elsewhere. */
export async function readNetCounters(path = '/proc/net/dev'): Promise<NetCounters> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { netRxBytes: 0, netTxBytes: 0 };
  }
  return parseNetDev(text);
}

/** `/proc/net/dev`: `  eth0: rxBytes rxPackets … (8 receive fields) txBytes …` after two header lines. */
export function parseNetDev(text: string): NetCounters {
  let netRxBytes = 0;
  let netTxBytes = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (name === 'lo' || name === '' || fields.length < 16) continue;
    const [rx] = fields;
    const tx = fields[8];
    if (Number.isFinite(rx) && Number.isFinite(tx)) {
      netRxBytes += rx ?? 0;
      netTxBytes += tx ?? 0;
    }
  }
  return { netRxBytes, netTxBytes };
}
