import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });

export function registerPrompts(mcp: McpServer) {
  mcp.registerPrompt(
    'diagnose_slow_transfer',
    {
      title: 'Diagnose a slow transfer',
      description: 'Find out why a transfer is slow (or stuck) and what to do about it',
      argsSchema: {
        projectId: z.string().describe('the project id'),
        transferId: z.string().describe('the transfer id'),
      },
    },
    ({ projectId, transferId }) =>
      user(
        [
          `Transfer ${transferId} in project ${projectId} is slow. Find out why, using the TCP Agent Platform tools:`,
          '1. get_transfer: its state, state reason, attempts, rate, bytes done, bandwidth limit, failed files.',
          '2. get_agent for the source and the destination: are both active and online?',
          '3. summarize_agent_telemetry for both agents from the transfer start to now: CPU, disk free, throughput, RTT, errors, silences.',
          '4. performance_recommendations for the project: is this path known to be slow or lossy?',
          'Then say in a few sentences where the bottleneck is (source machine, destination machine, the network between them, a bandwidth limit, the queue), citing the numbers, and what to do. Do not cancel or change anything without asking me.',
        ].join('\n'),
      ),
  );

  mcp.registerPrompt(
    'daily_fleet_report',
    {
      title: 'Daily fleet report',
      description: 'A short daily report on agents, transfers and problems, with actions',
      argsSchema: { projectId: z.string().optional().describe('one project; default: all projects you can see') },
    },
    ({ projectId }) =>
      user(
        [
          `Write today's fleet report${projectId ? ` for project ${projectId}` : ''} using the TCP Agent Platform tools:`,
          '1. fleet_health_report: overall status, agents online/offline/pending, transfers of the last 24 hours.',
          '2. performance_recommendations: each problem with its evidence and suggested action.',
          '3. list_transfers with state "failed" for each project with failures: name the files and reasons.',
          '4. read_audit_log (if the key allows it): notable changes of the last 24 hours (agents approved or revoked, transfers canceled).',
          'Format: a one-line status, a short table per project, then "Needs attention" as a list of actions, most urgent first. Keep it under 300 words.',
        ].join('\n'),
      ),
  );
}
