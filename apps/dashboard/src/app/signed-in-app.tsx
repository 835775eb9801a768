import type { Project } from '@tcpa/contracts';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { FleetPage } from '../pages/fleet-page.tsx';
import { matchPath, navigate, usePath } from '../ui/router.tsx';
import { ErrorNotice, Loading } from '../ui/states.tsx';
import { useAsync } from '../ui/use-async.ts';
import { useServices, useSession, type Workspace, WorkspaceContext } from './app-context.tsx';
import { Shell } from './shell.tsx';

const AgentPage = lazy(() => import('../pages/agent-page.tsx'));
const AddAgentPage = lazy(() => import('../pages/add-agent-page.tsx'));
const TransfersPage = lazy(() => import('../pages/transfers-page.tsx'));
const TransferDetailPage = lazy(() => import('../pages/transfer-detail-page.tsx'));
const NewTransferPage = lazy(() => import('../pages/new-transfer-page.tsx'));
const ProjectsPage = lazy(() => import('../pages/projects-page.tsx'));
const PeoplePage = lazy(() => import('../pages/people-page.tsx'));
const ApiKeysPage = lazy(() => import('../pages/api-keys-page.tsx'));
const PlanPage = lazy(() => import('../pages/plan-page.tsx'));
const AuditPage = lazy(() => import('../pages/audit-page.tsx'));

const LAST_PROJECT_KEY = 'tcpa.lastProject';

function projectPage(path: string, projectId: string) {
  let params = matchPath('/p/:projectId/agents/:agentId', path);
  if (params) return <AgentPage projectId={projectId} agentId={params.agentId as string} />;
  if (matchPath('/p/:projectId/add-agent', path)) return <AddAgentPage projectId={projectId} />;
  if (matchPath('/p/:projectId/transfers/new', path)) return <NewTransferPage projectId={projectId} />;
  params = matchPath('/p/:projectId/transfers/:transferId', path);
  if (params) return <TransferDetailPage projectId={projectId} transferId={params.transferId as string} />;
  if (matchPath('/p/:projectId/transfers', path)) return <TransfersPage projectId={projectId} />;
  return <FleetPage projectId={projectId} />;
}

function companyPage(path: string) {
  switch (path) {
    case '/projects':
      return <ProjectsPage />;
    case '/people':
      return <PeoplePage />;
    case '/api-keys':
      return <ApiKeysPage />;
    case '/plan':
      return <PlanPage />;
    case '/audit':
      return <AuditPage />;
    default:
      return null;
  }
}

export default function SignedInApp() {
  const { api, realtime } = useServices();
  const session = useSession();
  const path = usePath();
  const companyId = session?.company.id;
  const me = useAsync(() => api.me(), [companyId]);
  const projects = useAsync(() => api.listProjects(), [companyId]);

  useEffect(() => {
    realtime.start();
    return () => realtime.stop();
  }, [realtime]);

  const projectList: Project[] = projects.data?.projects ?? [];
  const urlProjectId = path.startsWith('/p/') ? path.split('/')[2] : undefined;
  const rememberedProjectId = localStorage.getItem(LAST_PROJECT_KEY);
  const currentProject =
    projectList.find((p) => p.id === urlProjectId) ??
    (urlProjectId ? undefined : (projectList.find((p) => p.id === rememberedProjectId) ?? projectList[0]));

  useEffect(() => {
    if (currentProject) localStorage.setItem(LAST_PROJECT_KEY, currentProject.id);
  }, [currentProject]);

  useEffect(() => {
    if (path !== '/' || !projects.data) return;
    navigate(currentProject ? `/p/${currentProject.id}/fleet` : '/projects', { replace: true });
  }, [path, projects.data, currentProject]);

  const workspace = useMemo<Workspace | null>(
    () => (me.data && projects.data ? { me: me.data, projects: projectList, reloadProjects: projects.reload } : null),
    [me.data, projects.data, projectList, projects.reload],
  );

  if (me.error || projects.error)
    return (
      <main className="auth-page">
        <ErrorNotice
          message={me.error ?? projects.error ?? ''}
          onRetry={() => {
            me.reload();
            projects.reload();
          }}
        />
      </main>
    );
  if (!workspace) return <Loading what="Loading your workspace" />;

  let page = companyPage(path);
  if (!page && urlProjectId) {
    page = currentProject ? (
      projectPage(path, currentProject.id)
    ) : (
      <ErrorNotice message="This project does not exist or you cannot see it. Pick another one in the menu." />
    );
  }
  if (!page) page = <Loading />;

  return (
    <WorkspaceContext.Provider value={workspace}>
      <Shell currentProject={currentProject}>
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </Shell>
    </WorkspaceContext.Provider>
  );
}
