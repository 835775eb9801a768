import type { ApiError } from '@tcpa/api-client';

function detail(details: unknown, key: string): string | undefined {
  if (details && typeof details === 'object' && key in details) {
    const value = (details as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** What an assistant (and the person reading along) should be told when an API call fails. */
export function explainApiError(error: ApiError): string {
  switch (error.code) {
    case 'forbidden': {
      const scope = detail(error.details, 'missingScope');
      if (scope) {
        return `Missing scope "${scope}": this API key cannot do that. Create an API key with the scope "${scope}" (and access to this project) and reconnect with it.`;
      }
      const permission = detail(error.details, 'missingPermission');
      if (permission) {
        return `Missing permission "${permission}": the person who made this API key does not hold it for this project. Ask a company admin for a role that grants "${permission}".`;
      }
      return `Not allowed: ${error.message}`;
    }
    case 'plan_limit':
      return `Plan limit: ${error.message} An owner can change the plan in the dashboard under Plan & usage.`;
    case 'validation_failed':
    case 'bad_request':
      return `Invalid input: ${error.message}`;
    case 'not_found':
      return `${error.message}. It does not exist, or it is outside the projects this API key may see.`;
    case 'conflict':
      return `Not possible right now: ${error.message}.`;
    case 'unauthorized':
      return `The API key was refused: ${error.message}.`;
    case 'unreachable':
      return error.message;
    default:
      return `The platform could not do that (HTTP ${error.status}): ${error.message}`;
  }
}
