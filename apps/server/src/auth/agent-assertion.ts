import {
  AGENT_ASSERTION_AUDIENCE,
  AGENT_ASSERTION_MAX_LIFETIME_SECONDS,
  AGENT_ASSERTION_TYPE,
  type AgentStatus,
} from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { decodeJwt, decodeProtectedHeader, importJWK, type JWK, jwtVerify } from 'jose';
import { AppError } from '../http/app-error.ts';

export interface AuthenticatedAgent {
  agentId: string;
  companyId: string;
  projectId: string;
  status: AgentStatus;
}

export function isAgentAssertion(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === AGENT_ASSERTION_TYPE;
  } catch {
    return false;
  }
}

/**
 * Agents prove who they are by signing a short-lived JWT with the private key they made at
 * enrolment; the server checks it against the public key registered then. No agent secret ever
 * crosses the wire, and nothing rotates that a crash could lose.
 */
export class AgentAssertionVerifier {
  private readonly seen = new Map<string, number>();

  constructor(private readonly database: Database) {}

  async verifyAsService(token: string): Promise<AuthenticatedAgent> {
    let agentId: string | undefined;
    try {
      agentId = decodeJwt(token).iss;
    } catch {
      throw new AppError('unauthorized', 'Agent credential is malformed');
    }
    if (!agentId || !/^[0-9a-f-]{36}$/i.test(agentId))
      throw new AppError('unauthorized', 'Agent credential names no agent');
    const [agent] = await this.database.unsafeAsOwner((tx) =>
      tx.query<{ id: string; company_id: string; project_id: string; status: AgentStatus; public_key: JWK }>(
        'select id, company_id, project_id, status, public_key from agents where id = $1',
        [agentId],
      ),
    );
    if (!agent) throw new AppError('unauthorized', 'Unknown agent: enrol it again');
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(token, await importJWK({ ...agent.public_key, alg: 'EdDSA' }, 'EdDSA'), {
        audience: AGENT_ASSERTION_AUDIENCE,
        issuer: agent.id,
        algorithms: ['EdDSA'],
        typ: AGENT_ASSERTION_TYPE,
        maxTokenAge: `${AGENT_ASSERTION_MAX_LIFETIME_SECONDS}s`,
        clockTolerance: 30,
      }));
    } catch (error) {
      throw new AppError('unauthorized', `Agent credential refused: ${(error as Error).message}`);
    }
    if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      throw new AppError('unauthorized', 'Agent credential needs jti and exp');
    }
    if (payload.exp - (payload.iat ?? 0) > AGENT_ASSERTION_MAX_LIFETIME_SECONDS) {
      throw new AppError('unauthorized', `Agent credential may live at most ${AGENT_ASSERTION_MAX_LIFETIME_SECONDS}s`);
    }
    this.forgetExpired();
    if (this.seen.has(payload.jti)) throw new AppError('unauthorized', 'Agent credential was already used');
    this.seen.set(payload.jti, payload.exp);
    return { agentId: agent.id, companyId: agent.company_id, projectId: agent.project_id, status: agent.status };
  }

  private forgetExpired() {
    const now = Date.now() / 1000 - 60;
    for (const [jti, exp] of this.seen) if (exp < now) this.seen.delete(jti);
  }
}
