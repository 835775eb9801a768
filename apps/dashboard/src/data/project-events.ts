import type { QueryClient } from '@tanstack/react-query';
import type { ServerToClientMessage } from '@tcpa/contracts';
import type { RealtimeClient } from '../realtime/realtime-client.ts';
import { putAgent } from './agents/agent-cache.ts';
import { putJobRun } from './jobs/job-run-cache.ts';
import { projectIdOfKey, projectKeys } from './projects/keys.ts';
import { putTransfer } from './transfers/transfer-cache.ts';

/**
 * Live messages into the query cache. A project is subscribed while anything watches it (counted
 * across pages and components) and unsubscribed when the last one stops.
 *
 * A subscription confirmed (the first, and again after each reconnect) refetches the project's
 * queries: what changed before it was in place was not pushed. A reconnect refetches the rest of
 * what is in the cache (the company's pages), as each page used to on its own.
 */
export class ProjectEvents {
  private readonly watchers = new Map<string, number>();

  constructor(
    private readonly realtime: RealtimeClient,
    private readonly queryClient: QueryClient,
  ) {
    realtime.onMessage((message) => this.apply(message));
    realtime.onReconnect(
      () =>
        void queryClient.invalidateQueries({
          predicate: (query) => !this.isWatched(projectIdOfKey(query.queryKey)),
        }),
    );
  }

  /** Returns the call that stops watching (once; calling it again does nothing). */
  watch(projectId: string): () => void {
    const count = this.watchers.get(projectId) ?? 0;
    this.watchers.set(projectId, count + 1);
    if (count === 0) this.realtime.subscribe(projectId);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const left = (this.watchers.get(projectId) ?? 1) - 1;
      if (left > 0) return void this.watchers.set(projectId, left);
      this.watchers.delete(projectId);
      this.realtime.unsubscribe(projectId);
    };
  }

  isWatched(projectId: string | undefined): boolean {
    return projectId !== undefined && this.watchers.has(projectId);
  }

  private apply(message: ServerToClientMessage) {
    if (!('projectId' in message) || !this.isWatched(message.projectId)) return;
    const { projectId } = message;
    if (message.type === 'transfer') putTransfer(this.queryClient, projectId, message.transfer);
    else if (message.type === 'job_run') putJobRun(this.queryClient, projectId, message.run);
    else if (message.type === 'agent_status') putAgent(this.queryClient, projectId, message.agent);
    else if (message.type === 'subscribed')
      void this.queryClient.invalidateQueries({ queryKey: projectKeys.scope(projectId) });
  }
}
