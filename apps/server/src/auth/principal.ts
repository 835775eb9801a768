import type { Permission } from '@tcpa/contracts';
import type { Claims } from '@tcpa/db';

/** Who is calling: a signed-in user, or an API key acting for the user who made it. */
export type Principal =
  | { kind: 'user'; userId: string; companyId: string; sessionId: string }
  | {
      kind: 'api_key';
      userId: string;
      companyId: string;
      apiKeyId: string;
      scopes: Permission[];
      projectIds: string[] | null;
    };

export function claimsOf(principal: Principal): Claims {
  return {
    sub: principal.userId,
    company_id: principal.companyId,
    api_key_id: principal.kind === 'api_key' ? principal.apiKeyId : null,
  };
}
