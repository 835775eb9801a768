import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentMessage, TransferStartArgs, TuningDecision } from '@tcpa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { createLog } from '../../src/log.ts';
import { TransferReports } from '../../src/run/transfer-reports.ts';
import { TransferRunner } from '../../src/run/transfer-runner.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

describe("the tuner's decisions in the agent's reports", () => {
  it('reports every decision once, those made while the control plane was away too, and no history from a capped run', async () => {
    writeFileSync(join(fixture.sourceRoot, 'capped.bin'), randomBytes(16 << 20));
    const delivered: AgentMessage[] = [];
    const logged: string[] = [];
    let online = false;
    // The report outbox delivers (and is acknowledged) only while the control plane is there.
    const reports = new TransferReports({ dir: fixture.stateDir });
    const deliverReports = () => {
      if (!online) return;
      for (const report of reports.pending()) {
        delivered.push(report);
        reports.ack(report.seq);
      }
    };
    const runner = new TransferRunner({
      stateDir: fixture.stateDir,
      agentId: 'agent-source',
      roots: [fixture.sourceRoot],
      offLimits: [fixture.stateDir],
      serverUrl: 'http://127.0.0.1:9',
      dataPort: 0,
      send: (message) => {
        if (!online) return false; // the control plane restarts
        delivered.push(message);
        return true;
      },
      reports,
      onReported: deliverReports,
      log: createLog({ write: (line) => logged.push(line) }),
    });
    const start: TransferStartArgs = {
      transferId: 'transfer-1',
      attempt: 1,
      token: await fixture.token({ paths: [join(fixture.sourceRoot, 'capped.bin')] }),
      sourcePaths: ['capped.bin'],
      destinationAgentId: 'agent-destination',
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      overwrite: 'overwrite',
      symlinks: 'preserve',
      filters: null,
      mode: 'copy',
      modifiedAfterMs: null,
      bandwidthLimitBps: 40_000_000,
      tuning: { streams: 4, chunkSize: 4 << 20 },
    };
    expect(runner.handleCommand({ name: 'transfer.start', args: start })).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    online = true;
    deliverReports();
    const outcome = await waitUntil(
      'the transfer outcome',
      async () => delivered.find((message) => message.type === 'transfer_outcome'),
      30_000,
    );
    expect(outcome).toMatchObject({ state: 'succeeded' });
    const decisions = delivered.flatMap((message) =>
      'decisions' in message && message.decisions ? (message.decisions as TuningDecision[]) : [],
    );
    expect(decisions.map((decision) => decision.seq)).toEqual(decisions.map((_, index) => index));
    expect(decisions[0]).toMatchObject({ from: { streams: 1 }, to: { streams: 4 } });
    expect(decisions[0]?.reason).toBe('starting from what worked last on this path');
    const limited = decisions.find((decision) => decision.reason.includes('bandwidth limit of 40 Mbit/s binds'));
    expect(limited).toMatchObject({ from: { streams: 4 }, to: { streams: 4 } });
    // Every decision the tuner logged is among those reported.
    const loggedDecisions = logged.filter((line) => line.includes('tuner: '));
    expect(loggedDecisions.length).toBe(decisions.length - 1); // the start from history is reported, not logged
    // A run held at its limit measured the limit, not the path: no history from it.
    expect(outcome).not.toHaveProperty('tuning');
    await runner.stop();
  });
});
