import { AgentConnections } from './features/agents/agent-connections.ts';
import { createInMemoryEventBus } from './features/realtime/event-bus.ts';
import { TransfersService } from './features/transfers/transfers.service.ts';
import type { ServerDeps } from './server-deps.ts';

/**
 * The route handlers' dependencies, and the engines behind them, built in the one order they
 * need: the agent registry first (the hub registers sessions in it, the transfers service commands
 * agents through it), then the transfers service, before the app (routes hand it users' requests).
 */
export function createServerDeps(base: Pick<ServerDeps, 'database' | 'config' | 'tokens' | 'log' | 'version'>) {
  const bus = createInMemoryEventBus();
  const agents = new AgentConnections();
  const transfers = new TransfersService({
    database: base.database,
    bus,
    tokens: base.tokens,
    agents,
    transientRetrySeconds: base.config.TRANSFER_TRANSIENT_RETRY_SECONDS,
    stallSeconds: base.config.TRANSFER_STALL_SECONDS,
  });
  const deps: ServerDeps = { ...base, bus, transfers, agents };
  return { deps, agents, transfers };
}
