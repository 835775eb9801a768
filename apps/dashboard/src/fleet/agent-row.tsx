import { Link } from '@tanstack/react-router';
import { memo } from 'react';
import { formatAgo, formatRate } from '../ui/format.ts';
import { describeConnectionTrouble } from './clock-notice.ts';
import { presenceOf } from './filter-agents.ts';
import type { AgentLive } from './live-fleet.ts';
import { Sparkline } from './sparkline.tsx';

export const ROW_HEIGHT = 48;

export type AgentAction = 'approve' | 'reject' | 'delete';

export const AgentRow = memo(function AgentRow({
  live,
  projectId,
  canWrite,
  onAction,
}: {
  live: AgentLive;
  version: number;
  projectId: string;
  canWrite: boolean;
  onAction: (agentId: string, action: AgentAction) => void;
}) {
  const { agent, latest } = live;
  const presence = presenceOf(agent);
  const trouble = describeConnectionTrouble(agent);
  return (
    <tr style={{ height: ROW_HEIGHT }}>
      <td>
        <Link to="/p/$projectId/agents/$agentId" params={{ projectId, agentId: agent.id }} className="agent-name">
          {agent.name}
        </Link>
        <span className="sub">{agent.hostname ?? '—'}</span>
      </td>
      <td>
        <span className={`badge badge-${presence}`}>{presence}</span>
        {presence === 'offline' && <span className="sub">seen {formatAgo(agent.lastSeenAt)}</span>}
        {trouble && (
          <span className="sub warning" title={trouble}>
            {trouble}
          </span>
        )}
      </td>
      <td className="tags-cell">
        {agent.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
          </span>
        ))}
      </td>
      <td className="num">{latest ? formatRate(latest.throughputBps) : '—'}</td>
      <td className="spark-cell">
        <Sparkline values={live.throughput} version={live.version} />
      </td>
      <td className="actions-cell">
        {presence === 'pending' && canWrite && (
          <>
            <button type="button" onClick={() => onAction(agent.id, 'approve')} aria-label={`Approve ${agent.name}`}>
              Approve
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => onAction(agent.id, 'reject')}
              aria-label={`Reject ${agent.name}`}
            >
              Reject
            </button>
          </>
        )}
        {(presence === 'revoked' || presence === 'rejected') && canWrite && (
          <button
            type="button"
            className="danger"
            onClick={() => onAction(agent.id, 'delete')}
            aria-label={`Delete ${agent.name}`}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
});
