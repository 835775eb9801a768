import { Link } from '@tanstack/react-router';
import type { Alert } from '@tcpa/contracts';

/** What an alert is about, linking to its page: the agent, the transfer, the job, or the plan. */
export function SubjectLink({ alert }: { alert: Alert }) {
  const projectId = alert.projectId;
  switch (alert.subjectType) {
    case 'agent':
      return (
        <Link to="/p/$projectId/agents/$agentId" params={{ projectId, agentId: alert.subjectId }}>
          Agent {alert.subjectName}
        </Link>
      );
    case 'transfer':
      return (
        <Link to="/p/$projectId/transfers/$transferId" params={{ projectId, transferId: alert.subjectId }}>
          Transfer {alert.subjectName}
        </Link>
      );
    case 'job':
      return (
        <Link to="/p/$projectId/jobs/$jobId" params={{ projectId, jobId: alert.subjectId }}>
          Job {alert.subjectName}
        </Link>
      );
    case 'company':
      return <Link to="/plan">Plan &amp; usage</Link>;
  }
}
