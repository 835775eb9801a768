import { getRouteApi, Link } from '@tanstack/react-router';
import type { Agent, TelemetrySample } from '@tcpa/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { can, useReconnects, useServices, useWorkspace } from '../app/app-context.tsx';
import {
  type AgentCharts,
  addHistoryPoint,
  addLiveSample,
  clearCharts,
  createAgentCharts,
} from '../charts/agent-telemetry.ts';
import { DrawThrottle } from '../charts/series-buffer.ts';
import { type ChartHandle, TimeChart } from '../charts/time-chart.tsx';
import { describeClockSkew } from '../fleet/clock-notice.ts';
import { presenceOf } from '../fleet/filter-agents.ts';
import { ConfirmButton } from '../ui/confirm-button.tsx';
import { formatAgo, formatBytes, formatRate } from '../ui/format.ts';
import { ErrorNotice, FormError, Loading, PageHeader } from '../ui/states.tsx';
import { useAction } from '../ui/use-async.ts';

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
  const { api, realtime } = useServices();
  const { me } = useWorkspace();
  const reconnects = useReconnects();
  const [agent, setAgent] = useState<Agent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [range, setRange] = useState<(typeof RANGES)[number]['id']>('15m');
  const [history, setHistory] = useState<{ loading: boolean; error: string | null; resolution: string | null }>({
    loading: true,
    error: null,
    resolution: null,
  });
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after a realtime reconnect
  useEffect(() => {
    setError(null);
    api.getAgent(projectId, agentId).then(setAgent, (failure: unknown) => setError(errorMessage(failure)));
  }, [api, projectId, agentId, reconnects]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again after a realtime reconnect
  useEffect(() => {
    let current = true;
    const rangeMs = RANGES.find((r) => r.id === range)?.ms ?? RANGES[0].ms;
    const to = new Date(Date.now() + 60_000);
    setHistory({ loading: true, error: null, resolution: null });
    api.getTelemetry(projectId, agentId, new Date(Date.now() - rangeMs), to).then(
      (series) => {
        if (!current) return;
        clearCharts(charts);
        for (const point of series.points) addHistoryPoint(charts, point);
        for (const sample of recentLive.current) addLiveSample(charts, sample);
        setHistory({ loading: false, error: null, resolution: series.resolution });
        throttle.request();
      },
      (failure: unknown) => current && setHistory({ loading: false, error: errorMessage(failure), resolution: null }),
    );
    return () => {
      current = false;
    };
  }, [api, projectId, agentId, range, charts, throttle, reconnects]);

  useEffect(() => {
    realtime.subscribe(projectId);
    const off = realtime.onMessage((message) => {
      if (message.type === 'telemetry') {
        const samples = message.batches.filter((batch) => batch.agentId === agentId).flatMap((batch) => batch.samples);
        if (samples.length === 0) return;
        for (const sample of samples) addLiveSample(charts, sample);
        const recent = recentLive.current;
        recent.push(...samples);
        if (recent.length > 600) recent.splice(0, recent.length - 600);
        throttle.request();
      } else if (message.type === 'agent_status' && message.agent.id === agentId) {
        setAgent(message.agent);
      }
    });
    return () => {
      off();
      throttle.cancel();
    };
  }, [realtime, projectId, agentId, charts, throttle]);

  if (error) return <ErrorNotice message={error} />;
  if (!agent) return <Loading what="Loading agent" />;
  const presence = presenceOf(agent);

  const changeStatus = async (kind: 'approve' | 'reject' | 'revoke') => {
    const updated = await action.run(() => api.setAgentStatus(projectId, agentId, kind));
    if (updated) setAgent(updated);
  };

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/p/$projectId/fleet" params={{ projectId }}>
          Fleet
        </Link>{' '}
        / {agent.name}
      </p>
      <PageHeader title={agent.name}>
        {can(me, 'agents:write') && presence === 'pending' && (
          <>
            <button type="button" onClick={() => void changeStatus('approve')}>
              Approve
            </button>
            <button type="button" className="danger" onClick={() => void changeStatus('reject')}>
              Reject
            </button>
          </>
        )}
        {can(me, 'agents:write') && (agent.status === 'active' || agent.status === 'pending') && (
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
          {history.loading
            ? 'Loading history…'
            : `${samples} points${history.resolution === 'minute' ? ' (older ones as minute averages)' : ''}; live updates appended`}
        </span>
      </div>
      {history.error && <ErrorNotice message={history.error} />}
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
