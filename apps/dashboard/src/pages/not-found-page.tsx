import { Link } from '@tanstack/react-router';
import { ErrorNotice } from '../ui/states.tsx';

/** An address that is no page, before any layout: a page of its own. */
export function NotFoundPage() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand">TCP Agent Platform</p>
        <h1>Page not found</h1>
        <p>There is no page at this address.</p>
        <p>
          <Link to="/">Go to the dashboard</Link>
        </p>
      </div>
    </main>
  );
}

/** An address under a project that is no page: said inside the shell, whose menu leads on. */
export function NotFoundNotice() {
  return <ErrorNotice message="There is no page at this address. Pick one in the menu." />;
}
