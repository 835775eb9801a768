import type { ReactNode } from 'react';
import { ServerError } from './server-error.tsx';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** What an action failed with, or a page's own complaint (a string); nothing when there is none. */
export function FormError({ message }: { message: unknown }) {
  if (!message) return null;
  return <ServerError error={message} />;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  return (
    <button
      type="button"
      className="secondary"
      onClick={(event) => {
        const button = event.currentTarget;
        void navigator.clipboard?.writeText(text).then(
          () => {
            button.textContent = 'Copied';
            setTimeout(() => {
              button.textContent = label;
            }, 1500);
          },
          () => {
            button.textContent = 'Select and copy it';
          },
        );
      }}
    >
      {label}
    </button>
  );
}
