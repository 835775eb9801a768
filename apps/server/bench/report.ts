/** The bench's printed output: a table, the verdict against the goals, and a one-line JSON summary. */
import { failuresOf, type LoadResult } from './load-protocol.ts';

export const GOALS = {
  /** RLS may cost at most 10% of throughput. */
  minRatio: 0.9,
  /** p99 latency of the RLS run, at GOAL_CONNECTIONS concurrent clients. */
  maxP99Ms: 50,
  connections: 64,
} as const;

/** CPU time per request, in microseconds: the server process and the database's backends. */
export interface CpuPerRequest {
  serverUs: number;
  postgresUs: number;
}

export interface Measured {
  rls: LoadResult;
  noRls: LoadResult;
  cpu?: { rls: CpuPerRequest; noRls: CpuPerRequest };
  connections: number;
}

export const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function ratioOf({ rls, noRls }: Measured): number {
  return noRls.rps > 0 ? rls.rps / noRls.rps : 0;
}

/** Columns padded to their widest cell: the first left-aligned, the rest right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))),
    )
    .map((row) => row.join('  '))
    .join('\n');
}

export function formatReport(measured: Measured): string {
  const row = (mode: string, result: LoadResult, cpu: CpuPerRequest | undefined) => [
    mode,
    String(result.requests),
    result.rps.toFixed(1),
    result.latencyMs.p50.toFixed(1),
    result.latencyMs.p99.toFixed(1),
    String(failuresOf(result)),
    ...(cpu ? [cpu.serverUs.toFixed(0), cpu.postgresUs.toFixed(0)] : []),
  ];
  const cpu = measured.cpu;
  const ratio = ratioOf(measured);
  const p99 = measured.rls.latencyMs.p99;
  const ratioMet = ratio >= GOALS.minRatio;
  const p99Met = p99 < GOALS.maxP99Ms;
  const verdict = (met: boolean) => (met ? 'MET' : 'MISSED');
  const atOtherLoad =
    measured.connections === GOALS.connections
      ? ''
      : ` (the goal is set at ${GOALS.connections} connections; this run used ${measured.connections})`;
  const missed = [ratioMet, p99Met].filter((met) => !met).length;
  return [
    table([
      [
        'mode',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        ...(cpu ? ['server CPU µs/req', 'PG CPU µs/req'] : []),
      ],
      row('RLS on', measured.rls, cpu?.rls),
      row('RLS off', measured.noRls, cpu?.noRls),
    ]),
    '',
    ...(cpu
      ? [
          `CPU per request (server + PostgreSQL, steadier than req/s on a shared machine): RLS on ${(
            cpu.rls.serverUs + cpu.rls.postgresUs
          ).toFixed(0)} µs, off ${(cpu.noRls.serverUs + cpu.noRls.postgresUs).toFixed(0)} µs`,
        ]
      : []),
    `RLS throughput ratio rpsRls/rpsNoRls = ${ratio.toFixed(3)} (goal >= ${GOALS.minRatio.toFixed(2)}): ${verdict(ratioMet)}`,
    `p99 with RLS at ${measured.connections} connections = ${p99.toFixed(1)} ms (goal < ${GOALS.maxP99Ms} ms): ${verdict(p99Met)}${atOtherLoad}`,
    missed === 0 ? 'Verdict: all goals MET' : `Verdict: MISSED ${missed} of 2 goals`,
  ].join('\n');
}

/** The last line of the output, for scripts. */
export function summaryLine(measured: Measured): string {
  return JSON.stringify({
    rpsRls: round(measured.rls.rps, 1),
    rpsNoRls: round(measured.noRls.rps, 1),
    ratio: round(ratioOf(measured), 3),
    p50Ms: round(measured.rls.latencyMs.p50, 1),
    p99Ms: round(measured.rls.latencyMs.p99, 1),
  });
}
