/** CPU time and memory of processes and of the machine, from Linux /proc (100% CPU = one core). */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User and system (kernel) CPU seconds a process has used so far; undefined once it is gone. */
export function cpuTimesOf(pid: number): { user: number; system: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() };
  } catch {
    return undefined;
  }
}

/** user + system CPU seconds a process has used so far; undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  const times = cpuTimesOf(pid);
  return times && times.user + times.system;
}

/** Resident memory of a process in KiB (VmRSS); undefined once it is gone. */
export function rssKiBOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** Every running process whose command name is `name`, with its command line (the title it set). */
export function processesNamed(name: string): Array<{ pid: number; commandLine: string }> {
  const found: Array<{ pid: number; commandLine: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
    } catch {
      continue; // exited meanwhile
    }
    const commandLine = commandLineOf(Number(entry));
    if (commandLine !== undefined) found.push({ pid: Number(entry), commandLine });
  }
  return found;
}

/**
 * The PostgreSQL processes working for one database: its backends (their title names the
 * database) and the cluster's shared helpers (postmaster, WAL writer, checkpointer, background
 * writer, autovacuum), which serve every database on the cluster.
 */
export function postgresPidsFor(database: string): number[] {
  return processesNamed('postgres')
    .filter(({ commandLine }) => {
      const title = commandLine.replace(/^postgres: [^:]*: /, '');
      if (!commandLine.startsWith('postgres:')) return true; // the postmaster
      if (/^(walwriter|checkpointer|background writer|autovacuum launcher)/.test(title)) return true;
      return title.split(' ').includes(database);
    })
    .map(({ pid }) => pid);
}

/** Busy and total CPU seconds of the whole machine (all cores) since boot, from /proc/stat. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / clockTicks(), total: (busy + idle + iowait) / clockTicks() };
}

/** A CPU-time reading of a set of processes at one moment, to subtract from a later one. */
export interface CpuReading {
  at: number;
  seconds: Map<number, number>;
}

export function readCpu(pids: readonly number[]): CpuReading {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    const value = cpuSecondsOf(pid);
    if (value !== undefined) seconds.set(pid, value);
  }
  return { at: performance.now(), seconds };
}

/**
 * CPU use between two readings in percent of one core. A process only in the later reading
 * started in between (a new PostgreSQL backend): all its CPU time counts. One that exited in
 * between is missed.
 */
export function cpuPercentBetween(before: CpuReading, after: CpuReading): number {
  const elapsed = (after.at - before.at) / 1000;
  if (elapsed <= 0) return 0;
  let used = 0;
  for (const [pid, end] of after.seconds) used += end - (before.seconds.get(pid) ?? 0);
  return (used / elapsed) * 100;
}
