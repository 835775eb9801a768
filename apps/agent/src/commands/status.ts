import { z } from 'zod';
import type { CliIo } from '../cli/cli-io.ts';
import { ExitCode } from '../cli/exit-codes.ts';
import { parseOptions } from '../cli/parse-options.ts';
import { readAgentState, StateFileError } from '../state/agent-state.ts';
import { isProcessAlive } from '../state/run-lock.ts';
import { resolveStateDir } from '../state/state-paths.ts';
import { readStatusSnapshot, type StatusSnapshot } from '../state/status-snapshot.ts';

const StatusOptionsSchema = z.strictObject({
  'state-dir': z.string().min(1).optional(),
  json: z.boolean().default(false),
});

const OPTIONS = { 'state-dir': { type: 'string' }, json: { type: 'boolean' } } as const;

export async function statusCommand(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const options = parseOptions(args, OPTIONS, StatusOptionsSchema);
  if (options === 'help') return 'help';
  const stateDir = resolveStateDir(options['state-dir'], io.env);
  let state: ReturnType<typeof readAgentState>;
  try {
    state = readAgentState(stateDir);
  } catch (error) {
    if (error instanceof StateFileError) {
      io.stderr(`${error.message}\n`);
      return ExitCode.failure;
    }
    throw error;
  }
  const snapshot = readStatusSnapshot(stateDir);
  const running = snapshot?.running === true && isProcessAlive(snapshot.pid);
  // Never the private key.
  const report = {
    agentId: state.agentId,
    name: state.name,
    serverUrl: state.serverUrl,
    projectId: state.projectId,
    companyId: state.companyId,
    status: state.status,
    config: state.config,
    roots: state.roots,
    enrolledAt: state.enrolledAt,
    stateDir,
    running,
    runtime: snapshot,
  };
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return ExitCode.ok;
  }
  const lines = [
    `agent            ${report.agentId} ("${report.name}")`,
    `server           ${report.serverUrl}`,
    `project          ${report.projectId}`,
    `status           ${report.status}`,
    `telemetry every  ${report.config.telemetryIntervalMs} ms (plan ${report.config.planId})`,
    `roots            ${report.roots.length > 0 ? report.roots.join(', ') : 'none: transfers are refused (add one with `tcpa-agent roots add DIR`)'}`,
    `state dir        ${stateDir}`,
    ...describeRuntime(snapshot, running),
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return ExitCode.ok;
}

function describeRuntime(snapshot: StatusSnapshot | null, running: boolean): string[] {
  if (!snapshot) return ['process          never run here (start it with `tcpa-agent run`)'];
  const close =
    snapshot.lastCloseCode === null
      ? ''
      : ` (code ${snapshot.lastCloseCode}${snapshot.lastCloseReason ? `: ${snapshot.lastCloseReason}` : ''})`;
  return [
    `process          ${running ? `running (pid ${snapshot.pid}) since ${snapshot.startedAt}` : 'not running'}`,
    `connection       ${describeConnection(snapshot, running)}`,
    `clock            ${describeClock(snapshot.clockOffsetMs)}`,
    `last connected   ${snapshot.lastConnectedAt ?? 'never'}`,
    `last disconnect  ${snapshot.lastDisconnectedAt ?? 'never'}${close}`,
    `outbox           ${snapshot.outboxSize} samples waiting`,
    `dropped samples  ${snapshot.droppedSamples}`,
    `last sample seq  ${snapshot.lastSeq} (acknowledged up to ${snapshot.lastAckedSeq})`,
    `snapshot from    ${snapshot.updatedAt}`,
  ];
}

function describeClock(offsetMs: number | null): string {
  if (offsetMs === null) return "not compared with the server's yet";
  const seconds = Math.abs(offsetMs) / 1000;
  if (seconds < 1) return "in step with the server's";
  const side = offsetMs > 0 ? 'behind' : 'ahead of';
  return `${seconds.toFixed(1)} s ${side} the server's (the agent uses the server's time; fix this machine's clock)`;
}

function describeConnection(snapshot: StatusSnapshot, running: boolean): string {
  if (!running) return 'none';
  if (snapshot.connected) return `connected${snapshot.rttMs === null ? '' : `, round trip ${snapshot.rttMs} ms`}`;
  return `not connected${snapshot.lastConnectError ? ` (last attempt: ${snapshot.lastConnectError})` : ''}`;
}
