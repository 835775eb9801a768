import type { ServerDeps } from '../../server-deps.ts';
import type { AgentConnections } from '../agents/agent-connections.ts';
import type { StartedTransfers } from './started-transfers.ts';
import type { TransferRow } from './transfers.sql.ts';

export interface DispatchLimits {
  /** Transfers an agent runs at once (as source or destination); the rest wait by priority. */
  maxPerAgent: number;
  /** Transfers started in one pass at most (shared round-robin between companies). */
  maxStartsPerPass: number;
  /** How long a transfer token lets its attempt's control stream open. */
  tokenTtlSeconds: number;
  /** How long failures that pass by themselves (network, an agent restarting) are waited out. */
  transientRetrySeconds: number;
  /** A running transfer without progress for this long is checked with its agents. */
  stallSeconds: number;
}

/** What the dispatch modules share; the TransfersService builds it once and passes it to each. */
export interface DispatchContext extends Pick<ServerDeps, 'database' | 'tokens'> {
  agents: Pick<AgentConnections, 'connectedAgentIds' | 'send'>;
  /** The attempts this node told a source agent to run. */
  started: StartedTransfers;
  limits: DispatchLimits;
  /** Tells every node (and, through their hubs, the dashboards) that the transfer changed. */
  publish(row: TransferRow): void;
}
