import type { Agent } from '@tcpa/contracts';

/** Below this the agent's clock is not worth mentioning (agents work on the server's time anyway). */
const NOTABLE_SKEW_MS = 5_000;

/** "clock 600 s ahead" when the agent's machine clock is notably off the server's, else null. */
export function describeClockSkew(agent: Pick<Agent, 'clockSkewMs'>): string | null {
  const skew = agent.clockSkewMs;
  if (skew === null || Math.abs(skew) < NOTABLE_SKEW_MS) return null;
  return `clock ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'ahead' : 'behind'}`;
}

/** What the fleet should know about an agent's clock and its last refused connection, or null. */
export function describeConnectionTrouble(agent: Pick<Agent, 'clockSkewMs' | 'lastRefusal'>): string | null {
  const parts = [describeClockSkew(agent), agent.lastRefusal ? `refused: ${agent.lastRefusal.reason}` : null];
  const text = parts.filter((part) => part !== null).join(' · ');
  return text === '' ? null : text;
}
