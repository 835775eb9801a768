import { getRouteApi, Link } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { canInProject, useProject, useServices } from '../app/app-context.tsx';
import { DrawThrottle } from '../charts/series-buffer.ts';
import { useAgentStatusMutation } from '../data/agents/agent-status-mutation.ts';
import { useDeleteAgentMutation } from '../data/agents/delete-agent-mutation.ts';
import { queryError } from '../data/query-error.ts';
import { type AgentAction, AgentRow, ROW_HEIGHT } from '../fleet/agent-row.tsx';
import { countByPresence, filterAgents, type PresenceFilter, sortAgents } from '../fleet/filter-agents.ts';
import { LiveFleet } from '../fleet/live-fleet.ts';
import { useFleetAgents } from '../fleet/use-fleet-agents.ts';
import { Empty, ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';

const OVERSCAN = 8;

const route = getRouteApi('/_signedIn/p/$projectId');

export default function FleetPage() {
  const { projectId } = route.useParams();
  const { realtime } = useServices();
  const project = useProject(projectId);
  const [, setTick] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [presence, setPresence] = useState<PresenceFilter>('all');
  const [search, setSearch] = useState('');
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const scroller = useRef<HTMLElement>(null);

  // Realtime changes are applied at once but drawn at most 10 times a second.
  const fleet = useMemo(() => {
    const throttle = new DrawThrottle(() => setTick((t) => t + 1), 100);
    return new LiveFleet(projectId, () => throttle.request());
  }, [projectId]);

  const agents = useFleetAgents(fleet, projectId);
  const loadError = queryError(agents.error);
  const { loaded } = fleet;
  const { mutate: setStatus } = useAgentStatusMutation(projectId);
  const { mutate: deleteAgent } = useDeleteAgentMutation(projectId);

  useEffect(() => realtime.onMessage((message) => fleet.apply(message)), [fleet, realtime]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the scroller exists once the list has loaded
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setScroll({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [loaded]);

  // Scrolling re-renders only the window; the filtered, sorted list changes with the data or the filter.
  const fleetVersion = fleet.version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fleet.version marks every change to the fleet
  const { all, counts, visible } = useMemo(() => {
    const all = fleet.list();
    const agents = all.map((entry) => entry.agent);
    const visible = sortAgents(filterAgents(agents, { presence, search })).map(
      (agent) => fleet.byId.get(agent.id) ?? { agent, throughput: [], latest: null, version: 0 },
    );
    return { all, counts: countByPresence(agents), visible };
  }, [fleet, fleetVersion, presence, search]);
  // A new filter shows its list from the top (the old scroll position may lie past its end).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter changes
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScroll((current) => ({ ...current, top: 0 }));
  }, [presence, search]);
  const top = Math.min(scroll.top, Math.max(0, visible.length * ROW_HEIGHT - scroll.height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((top + scroll.height) / ROW_HEIGHT) + OVERSCAN);

  const onAction = useCallback(
    (agentId: string, action: AgentAction) => {
      setActionError(null);
      const onError = (error: unknown) => setActionError(errorMessage(error));
      if (action === 'delete') deleteAgent(agentId, { onError });
      else setStatus({ agentId, action }, { onError });
    },
    [deleteAgent, setStatus],
  );

  const canWrite = canInProject(project, 'agents:write');
  return (
    <section className="page fleet-page" aria-labelledby="page-title">
      <PageHeader title="Fleet">
        {canWrite && (
          <Link className="button" to="/p/$projectId/add-agent" params={{ projectId }}>
            Add agent
          </Link>
        )}
      </PageHeader>
      {loadError && <ErrorNotice message={loadError} onRetry={() => void agents.refetch()} />}
      {!loaded && !loadError && <Loading what="Loading agents" />}
      {loaded && all.length === 0 && (
        <Empty title="No agents in this project yet">
          {canWrite ? (
            <p>
              Install one with a one-line command:{' '}
              <Link to="/p/$projectId/add-agent" params={{ projectId }}>
                Add agent
              </Link>
              .
            </p>
          ) : (
            <p>Agents appear here once someone who may add them to this project installs one.</p>
          )}
        </Empty>
      )}
      {loaded && all.length > 0 && (
        <>
          <div className="toolbar">
            <fieldset className="segmented">
              <legend className="visually-hidden">Show</legend>
              {(['all', 'online', 'offline', 'pending', 'revoked'] as const).map((value) => (
                <label key={value} className={presence === value ? 'selected' : ''}>
                  <input
                    type="radio"
                    name="presence"
                    value={value}
                    checked={presence === value}
                    onChange={() => setPresence(value)}
                  />
                  {value} <span className="count">{counts[value]}</span>
                </label>
              ))}
            </fieldset>
            <label className="search">
              <span className="visually-hidden">Search agents</span>
              <input
                type="search"
                placeholder="Search name, host, tag (or tag:name)"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
          </div>
          <FormError message={actionError} />
          <p className="muted" aria-live="polite">
            {visible.length} of {presence === 'revoked' ? counts.revoked : counts.all} agents
          </p>
          <section
            className="table-scroll fleet-scroll"
            ref={scroller}
            onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
            aria-label="Agents"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            tabIndex={0}
          >
            <table className="data-table fleet-table" aria-rowcount={visible.length + 1}>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Tags</th>
                  <th scope="col" className="num">
                    Throughput
                  </th>
                  <th scope="col">Recent</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {first > 0 && (
                  <tr className="spacer" style={{ height: first * ROW_HEIGHT }}>
                    <td colSpan={6} />
                  </tr>
                )}
                {visible.slice(first, last).map((live) => (
                  <AgentRow
                    key={live.agent.id}
                    live={live}
                    version={live.version}
                    projectId={projectId}
                    canWrite={canWrite}
                    onAction={onAction}
                  />
                ))}
                {last < visible.length && (
                  <tr className="spacer" style={{ height: (visible.length - last) * ROW_HEIGHT }}>
                    <td colSpan={6} />
                  </tr>
                )}
              </tbody>
            </table>
            {visible.length === 0 && <Empty title="No agents match this filter" />}
          </section>
        </>
      )}
    </section>
  );
}
