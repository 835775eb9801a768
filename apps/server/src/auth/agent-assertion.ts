import {
  AGENT_ASSERTION_AUDIENCE,
  AGENT_ASSERTION_MAX_LIFETIME_SECONDS,
  AGENT_ASSERTION_TYPE,
  type AgentStatus,
} from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { decodeJwt, decodeProtectedHeader, errors, importJWK, type JWK, type JWTPayload, jwtVerify } from 'jose';
import { AppError } from '../http/app-error.ts';

/** Seconds an assertion's iat and exp may be off the server's clock (agents sign on the server's time). */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface AuthenticatedAgent {
  agentId: string;
  companyId: string;
  projectId: string;
  status: AgentStatus;
  /** The agent's own clock minus the server's (ms), from the assertion's `clk` claim; null if it has none. */
  clockSkewMs: number | null;
  /** The protocol version the agent speaks (its `proto` claim; agents before the claim speak 1). */
  protocol: number;
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
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      // A time claim is checked only once the signature held: the agent itself signed at that time.
      const timeClaim =
        error instanceof errors.JWTExpired ||
        (error instanceof errors.JWTClaimValidationFailed && (error.claim === 'iat' || error.claim === 'nbf'));
      if (timeClaim) {
        const refusal = new AppError('unauthorized', describeTimeRefusal(error.payload, Date.now()));
        await this.recordRefusalAsService(agent.id, clockSkewOf(error.payload, Date.now()), refusal.message);
        throw refusal;
      }
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
    return {
      agentId: agent.id,
      companyId: agent.company_id,
      projectId: agent.project_id,
      status: agent.status,
      clockSkewMs: typeof payload.clk === 'number' ? clockSkewOf(payload, Date.now()) : null,
      protocol: Number.isSafeInteger(payload.proto) ? (payload.proto as number) : 1,
    };
  }

  /** Best effort: the refusal stands whether or not it could be written down. */
  async recordRefusalAsService(agentId: string, clockSkewMs: number | null, reason: string) {
    await this.database
      .unsafeAsOwner((tx) =>
        tx.query(
          `update agents set clock_skew_ms = coalesce($2, clock_skew_ms), last_refused_at = now(), last_refusal = $3
           where id = $1`,
          [agentId, clockSkewMs, reason.slice(0, 500)],
        ),
      )
      .catch(() => undefined);
  }

  private forgetExpired() {
    const now = Date.now() / 1000 - 60;
    for (const [jti, exp] of this.seen) if (exp < now) this.seen.delete(jti);
  }
}

/**
 * The agent's clock minus the server's: from `clk` (the agent's own clock in ms, which it signs
 * beside the server-time iat), else from iat (an agent that signed on its own clock).
 */
function clockSkewOf(payload: JWTPayload, nowMs: number): number {
  const agentClock = typeof payload.clk === 'number' ? payload.clk : (payload.iat ?? nowMs / 1000) * 1000;
  const skew = Math.round(agentClock - nowMs);
  return Math.max(-2_147_483_647, Math.min(2_147_483_647, Number.isFinite(skew) ? skew : 0));
}

function describeTimeRefusal(payload: JWTPayload, nowMs: number): string {
  const offMs = (payload.iat ?? nowMs / 1000) * 1000 - nowMs;
  const seconds = Math.round(Math.abs(offMs) / 1000);
  const side = offMs > 0 ? 'ahead of' : 'behind';
  // Fits a close frame's reason (123 bytes); the server's time is in the upgrade's Date header.
  return `Agent clock ${seconds} s ${side} the server's (${CLOCK_TOLERANCE_SECONDS} s allowed): sign on server time`;
}
