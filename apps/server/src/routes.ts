import { agentFileRoutes } from './features/agents/agent-files.routes.ts';
import { agentRoutes } from './features/agents/agents.routes.ts';
import { apiKeyRoutes } from './features/api-keys/api-keys.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { billingRoutes } from './features/billing/billing.routes.ts';
import { companyRoutes } from './features/company/company.routes.ts';
import { enrolRoutes } from './features/enrolment/enrol.routes.ts';
import { enrolmentTokenRoutes } from './features/enrolment/enrolment-tokens.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { jobRoutes } from './features/jobs/jobs.routes.ts';
import { invitationRoutes } from './features/members/invitations.routes.ts';
import { memberRoutes } from './features/members/members.routes.ts';
import { alertRoutes } from './features/notifications/alert-rules.routes.ts';
import { channelDeliveryRoutes } from './features/notifications/channel-deliveries.routes.ts';
import { channelRoutes } from './features/notifications/channels.routes.ts';
import { planRoutes } from './features/plans/plans.routes.ts';
import { projectRoutes } from './features/projects/projects.routes.ts';
import { storageLocationRoutes } from './features/storage/storage-locations.routes.ts';
import { telemetryRoutes } from './features/telemetry/telemetry.routes.ts';
import { transferPathRoutes } from './features/transfers/transfer-paths.routes.ts';
import { transferRoutes } from './features/transfers/transfers.routes.ts';
import type { RouteDefinition } from './http/route.ts';

export const allRoutes: RouteDefinition[] = [
  ...healthRoutes,
  ...authRoutes,
  ...companyRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...projectRoutes,
  ...apiKeyRoutes,
  ...planRoutes,
  ...billingRoutes,
  ...auditRoutes,
  ...enrolmentTokenRoutes,
  ...enrolRoutes,
  ...agentRoutes,
  ...agentFileRoutes,
  ...telemetryRoutes,
  ...transferRoutes,
  ...transferPathRoutes,
  ...jobRoutes,
  ...channelRoutes,
  ...channelDeliveryRoutes,
  ...alertRoutes,
  ...storageLocationRoutes,
];
