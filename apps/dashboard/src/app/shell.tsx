import { Link, useLocation, useNavigate } from '@tanstack/react-router';
import type { Project } from '@tcpa/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { useLogoutMutation } from '../data/session/logout-mutation.ts';
import { useSwitchCompanyMutation } from '../data/session/switch-company-mutation.ts';
import { can, canInProject, useBrowserOnline, useRealtimeState, useServices, useWorkspace } from './app-context.tsx';
import { PastDueBanner } from './past-due-banner.tsx';
import { VerifyEmailBanner } from './verify-email-banner.tsx';

/** A menu entry: marked (and `aria-current="page"`) on its own page only. */
const navLink = {
  className: 'nav-link',
  activeProps: { className: 'nav-link active' },
  activeOptions: { exact: true, includeSearch: false },
} as const;

function ConnectionBadge() {
  const state = useRealtimeState();
  const online = useBrowserOnline();
  const shown = !online ? 'offline' : state;
  const text = { open: 'Live', connecting: 'Connecting…', offline: 'Offline: reconnecting' }[shown];
  return (
    <span className={`connection connection-${shown}`} role="status" title="Live updates connection">
      <span className="dot" aria-hidden="true" /> {text}
    </span>
  );
}

export function Shell({ currentProject, children }: { currentProject: Project | undefined; children: ReactNode }) {
  const { me, projects } = useWorkspace();
  const { tokens } = useServices();
  const { mutateAsync: switchTo } = useSwitchCompanyMutation();
  const { mutateAsync: endSession } = useLogoutMutation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const navigate = useNavigate();
  const path = useLocation({ select: (location) => location.pathname });

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => setMenuOpen(false), [path]);

  const switchCompany = async (companyId: string) => {
    try {
      await switchTo(companyId);
      void navigate({ to: '/' });
    } catch (error) {
      setSwitchError(errorMessage(error));
    }
  };

  const logout = async () => {
    // Signed out here first: the other tabs follow the flag this clears before the server ends
    // their session, so none of them tries a refresh the server would refuse.
    tokens.set(null);
    void navigate({ to: '/login' });
    await endSession().catch(() => undefined);
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span className="brand">TCP Agent Platform</span>
        <ConnectionBadge />
      </header>
      <nav id="sidebar" className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
        <div className="switchers">
          {me.companies.length > 1 ? (
            <label>
              Company
              <select value={me.company.id} onChange={(e) => void switchCompany(e.target.value)}>
                {me.companies.map((company) => (
                  <option key={company.id} value={company.id}>
                    {company.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="company-name">{me.company.name}</p>
          )}
          {switchError && (
            <p className="form-error" role="alert">
              {switchError}
            </p>
          )}
          {projects.length > 0 && (
            <label>
              Project
              <select
                value={currentProject?.id ?? ''}
                onChange={(e) => void navigate({ to: '/p/$projectId/fleet', params: { projectId: e.target.value } })}
                aria-label="Current project"
              >
                {!currentProject && <option value="">Choose a project</option>}
                {projects.map((project) => (
                  <option key={project.id} value={project.id}>
                    {project.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {currentProject && (
          <ul className="nav-group">
            <li>
              <Link to="/p/$projectId/fleet" params={{ projectId: currentProject.id }} {...navLink}>
                Fleet
              </Link>
            </li>
            {canInProject(currentProject, 'agents:write') && (
              <li>
                <Link to="/p/$projectId/add-agent" params={{ projectId: currentProject.id }} {...navLink}>
                  Add agent
                </Link>
              </li>
            )}
            {canInProject(currentProject, 'transfers:read') && (
              <li>
                {/* Also marked on a transfer's page and the new-transfer form. */}
                <Link
                  to="/p/$projectId/transfers"
                  params={{ projectId: currentProject.id }}
                  {...navLink}
                  activeOptions={{ exact: false, includeSearch: false }}
                >
                  Transfers
                </Link>
              </li>
            )}
            {canInProject(currentProject, 'jobs:read') && (
              <li>
                {/* Also marked on a job's page and the job editor. */}
                <Link
                  to="/p/$projectId/jobs"
                  params={{ projectId: currentProject.id }}
                  {...navLink}
                  activeOptions={{ exact: false, includeSearch: false }}
                >
                  Jobs
                </Link>
              </li>
            )}
            {canInProject(currentProject, 'alerts:read') && (
              <li>
                <Link to="/p/$projectId/alerts" params={{ projectId: currentProject.id }} {...navLink}>
                  Alerts
                </Link>
              </li>
            )}
            {canInProject(currentProject, 'storage:read') && (
              <li>
                <Link to="/p/$projectId/storage" params={{ projectId: currentProject.id }} {...navLink}>
                  Storage
                </Link>
              </li>
            )}
          </ul>
        )}
        <ul className="nav-group">
          <li>
            <Link to="/projects" {...navLink}>
              Projects
            </Link>
          </li>
          {can(me, 'members:read') && (
            <li>
              <Link to="/people" {...navLink}>
                People
              </Link>
            </li>
          )}
          {can(me, 'api_keys:read') && (
            <li>
              <Link to="/api-keys" {...navLink}>
                API keys
              </Link>
            </li>
          )}
          {can(me, 'integrations:read') && (
            <li>
              <Link to="/integrations" {...navLink}>
                Integrations
              </Link>
            </li>
          )}
          <li>
            <Link to="/plan" {...navLink}>
              Plan &amp; usage
            </Link>
          </li>
          {can(me, 'audit:read') && (
            <li>
              <Link to="/audit" {...navLink}>
                Audit log
              </Link>
            </li>
          )}
        </ul>
        <div className="nav-footer">
          <p className="muted" title={me.user.email}>
            {me.user.name ?? me.user.email}
          </p>
          <button type="button" className="secondary" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1} className="content">
        <VerifyEmailBanner />
        <PastDueBanner />
        {children}
      </main>
    </div>
  );
}
