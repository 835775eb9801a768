import { Link } from '@tanstack/react-router';
import { ApiError } from '@tcpa/api-client';
import { errorMessage } from '../api/api-error.ts';
import { isPlanLimit } from './field-error.ts';

interface FieldIssue {
  path: string;
  message: string;
}

function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !Array.isArray(error.details)) return [];
  return error.details.filter(
    (detail): detail is FieldIssue =>
      typeof detail === 'object' &&
      detail !== null &&
      typeof detail.path === 'string' &&
      typeof detail.message === 'string',
  );
}

/**
 * A failed save beside its form: the server's sentence (a plan limit names the plan that allows
 * it, with a link to the Plan page), then each field it refused with the reason, or the form's own complaint.
 */
export function ServerError({ error }: { error: unknown }) {
  if (!error) return null;
  const issues = fieldIssues(error);
  return (
    <div className="form-error" role="alert">
      <p>
        {errorMessage(error)}
        {isPlanLimit(error) && (
          <>
            {/[.!?]$/.test(errorMessage(error)) ? ' ' : '. '}
            <Link to="/plan">See Plan &amp; usage</Link>.
          </>
        )}
      </p>
      {issues.length > 1 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path || '(body)'}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
