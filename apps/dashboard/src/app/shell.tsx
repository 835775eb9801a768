import type { Project } from '@tcpa/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { Link, navigate, usePath } from '../ui/router.tsx';
import { can, useBrowserOnline, useRealtimeState, useServices, useWorkspace } from './app-context.tsx';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const path = usePath();
  const active = path === href || (href.endsWith('/transfers') && path.startsWith(href));
  return (
    <Link href={href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

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
  const { api, tokens } = useServices();
  const [menuOpen, setMenuOpen] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const path = usePath();

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the phone menu whenever the page changes
  useEffect(() => setMenuOpen(false), [path]);

  const switchCompany = async (companyId: string) => {
    try {
      tokens.set(await api.switchCompany(companyId));
      navigate('/');
    } catch (error) {
      setSwitchError(errorMessage(error));
    }
  };

  const logout = async () => {
    // Signed out here first: the other tabs follow the flag this clears before the server ends
    // their session, so none of them tries a refresh the server would refuse.
    tokens.set(null);
    navigate('/login');
    await api.logout().catch(() => undefined);
  };

  const p = currentProject ? `/p/${currentProject.id}` : null;
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
                onChange={(e) => navigate(`/p/${e.target.value}/fleet`)}
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
        {p && (
          <ul className="nav-group">
            <li>
              <NavLink href={`${p}/fleet`}>Fleet</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/add-agent`}>Add agent</NavLink>
            </li>
            <li>
              <NavLink href={`${p}/transfers`}>Transfers</NavLink>
            </li>
          </ul>
        )}
        <ul className="nav-group">
          <li>
            <NavLink href="/projects">Projects</NavLink>
          </li>
          {can(me, 'members:read') && (
            <li>
              <NavLink href="/people">People</NavLink>
            </li>
          )}
          {can(me, 'api_keys:read') && (
            <li>
              <NavLink href="/api-keys">API keys</NavLink>
            </li>
          )}
          <li>
            <NavLink href="/plan">Plan &amp; usage</NavLink>
          </li>
          {can(me, 'audit:read') && (
            <li>
              <NavLink href="/audit">Audit log</NavLink>
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
        {children}
      </main>
    </div>
  );
}
