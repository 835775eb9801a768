import type { Alert } from '@tcpa/contracts';

const BADGE: Record<Alert['severity'], string> = { info: 'running', warning: 'pending', critical: 'failed' };

export function SeverityBadge({ severity }: { severity: Alert['severity'] }) {
  return <span className={`badge badge-${BADGE[severity]}`}>{severity}</span>;
}
