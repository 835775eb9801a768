import { getRouteApi, Link } from '@tanstack/react-router';
import type { TelemetrySample } from '@tcpa/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { canInProject, useProject, useServices } from '../app/app-context.tsx';
import {
  type AgentCharts,
  addHistoryPoint,
  addLiveSample,
  clearCharts,
  createAgentCharts,
} from '../charts/agent-telemetry.ts';
import { DrawThrottle } from '../charts/series-buffer.ts';
import { type ChartHandle, TimeChart } from '../charts/time-chart.tsx';
import { useAgentQuery } from '../data/agents/agent-query.ts';
import { type AgentStatusAction, useAgentStatusMutation } from '../data/agents/agent-status-mutation.ts';
import { useTelemetryQuery } from '../data/agents/telemetry-query.ts';
import { queryError } from '../data/query-error.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import { describeClockSkew } from '../fleet/clock-notice.ts';
import { presenceOf } from '../fleet/filter-agents.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatAgo, formatBytes, formatRate } from '../ui/format.ts';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-action.ts';

const RANGES = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
] as const;

const CHARTS: Array<{ key: keyof AgentCharts; title: string; color: string; format: (v: number) => string }> = [
  { key: 'throughput', title: 'Throughput', color: '#2563eb', format: formatRate },
  { key: 'cpu', title: 'CPU', color: '#d97706', format: (v) => `${v.toFixed(0)}%` },
  { key: 'memory', title: 'Memory used', color: '#7c3aed', format: formatBytes },
  { key: 'disk', title: 'Disk free', color: '#059669', format: formatBytes },
  { key: 'rtt', title: 'Round-trip time', color: '#db2777', format: (v) => `${v.toFixed(1)} ms` },
];

const route = getRouteApi('/_signedIn/p/$projectId/agents/$agentId');

export default function AgentPage() {
  const { projectId, agentId } = route.useParams();
  const { realtime } = useServices();
  const mayWrite = canInProject(useProject(projectId), 'agents:write');
  const [range, setRange] = useState<(typeof RANGES)[number]['id']>('15m');
  const rangeMs = RANGES.find((r) => r.id === range)?.ms ?? RANGES[0].ms;
  const agentQuery = useAgentQuery(projectId, agentId);
  const history = useTelemetryQuery(projectId, agentId, rangeMs);
  const setStatus = useAgentStatusMutation(projectId);
  useProjectEvents(projectId);
  const [samples, setSamples] = useState(0);
  const charts = useMemo(() => createAgentCharts(), []);
  const handles = useRef(new Map<string, ChartHandle>());
  /** Live samples kept while history loads, so replacing the buffer with history loses none. */
  const recentLive = useRef<TelemetrySample[]>([]);
  const action = useAction();
  const throttle = useMemo(
    () =>
      new DrawThrottle(() => {
        for (const handle of handles.current.values()) handle.redraw();
        setSamples(charts.throughput.length);
      }, 100),
    [charts],
  );

  // Each history fetched (a new range, a reconnect) replaces what the charts hold.
  useEffect(() => {
    if (!history.data) return;
    clearCharts(charts);
    for (const point of history.data.points) addHistoryPoint(charts, point);
    for (const sample of recentLive.current) addLiveSample(charts, sample);
    throttle.request();
  }, [history.data, charts, throttle]);

  useEffect(() => {
    const off = realtime.onMessage((message) => {
      if (message.type !== 'telemetry') return;
      const samples = message.batches.filter((batch) => batch.agentId === agentId).flatMap((batch) => batch.samples);
      if (samples.length === 0) return;
      for (const sample of samples) addLiveSample(charts, sample);
      const recent = recentLive.current;
      recent.push(...samples);
      if (recent.length > 600) recent.splice(0, recent.length - 600);
      throttle.request();
    });
    return () => {
      off();
      throttle.cancel();
    };
  }, [realtime, agentId, charts, throttle]);

  const error = queryError(agentQuery.error);
  const agent = agentQuery.data;
  if (error) return <ErrorNotice message={error} />;
  if (!agent) return <Loading what="Loading agent" />;
  const historyError = queryError(history.error);
  const presence = presenceOf(agent);

  const changeStatus = (kind: AgentStatusAction) => action.run(() => setStatus.mutateAsync({ agentId, action: kind }));

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/fleet" params={{ projectId }}>
          Fleet
        </Link>{' '}
        / {agent.name}
      </p>
      <PageHeader title={agent.name}>
        {mayWrite && presence === 'pending' && (
          <>
            <button type="button" onClick={() => void changeStatus('approve')}>
              Approve
            </button>
            <button type="button" className="danger" onClick={() => void changeStatus('reject')}>
              Reject
            </button>
          </>
        )}
        {mayWrite && (agent.status === 'active' || agent.status === 'pending') && (
          <ConfirmButton
            className="danger secondary"
            question={`Revoke ${agent.name}? It is disconnected and cannot reconnect.`}
            onConfirmed={() => void changeStatus('revoke')}
          >
            Revoke
          </ConfirmButton>
        )}
      </PageHeader>
      <FormError message={action.error} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${presence}`}>{presence}</span>
          </dd>
        </div>
        <div>
          <dt>Host</dt>
          <dd>{agent.hostname ?? '—'}</dd>
        </div>
        <div>
          <dt>Platform</dt>
          <dd>{agent.platform ?? '—'}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{agent.version ?? '—'}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{agent.online ? 'now' : formatAgo(agent.lastSeenAt)}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{agent.tags.length ? agent.tags.join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Clock</dt>
          <dd>{agent.clockSkewMs === null ? '—' : (describeClockSkew(agent) ?? "in step with the server's")}</dd>
        </div>
        {agent.lastRefusal && (
          <div>
            <dt>Last refused</dt>
            <dd>
              {formatAgo(agent.lastRefusal.at)}: {agent.lastRefusal.reason}
            </dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        <label>
          Range{' '}
          <select value={range} onChange={(e) => setRange(e.target.value as typeof range)}>
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" aria-live="polite" data-testid="sample-count">
          {history.isFetching
            ? 'Loading history…'
            : `${samples} points${history.data?.resolution === 'minute' ? ' (older ones as minute averages)' : ''}; live updates appended`}
        </span>
      </div>
      {historyError && <ErrorNotice message={historyError} />}
      {presence === 'pending' && <p className="notice">This agent sends telemetry once it is approved.</p>}
      <div className="charts">
        {CHARTS.map((chart) => (
          <TimeChart
            key={chart.key}
            title={chart.title}
            buffer={charts[chart.key]}
            series={[{ label: chart.title, stroke: chart.color }]}
            format={chart.format}
            register={(handle) => {
              if (handle) handles.current.set(chart.key, handle);
              else handles.current.delete(chart.key);
            }}
          />
        ))}
      </div>
    </section>
  );
}
