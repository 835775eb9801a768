import { randomUUID } from 'node:crypto';
import { AGENT_ASSERTION_AUDIENCE, AGENT_ASSERTION_TYPE, AGENT_PROTOCOL_VERSION } from '@tcpa/contracts';
import { importJWK, SignJWT } from 'jose';
import type { AgentState } from '../state/agent-state.ts';

export const ASSERTION_LIFETIME_SECONDS = 60;

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * Signs the short-lived JWT an agent presents on every connection attempt: header
 * `{alg: EdDSA, typ: agent+jwt}`, claims iss = sub = agent id, aud, iat, exp (+60 s), jti, all
 * on the server's time (`now`), clk: the machine's own clock (ms), so the server can show
 * how far off it is, and proto: the protocol version this agent speaks.
 */
export async function signAgentAssertion(
  agentId: string,
  privateKey: SigningKey,
  now: () => number = Date.now,
  machineClock: () => number = Date.now,
): Promise<string> {
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT({ clk: Math.round(machineClock()), proto: AGENT_PROTOCOL_VERSION })
    .setProtectedHeader({ alg: 'EdDSA', typ: AGENT_ASSERTION_TYPE })
    .setIssuer(agentId)
    .setSubject(agentId)
    .setAudience(AGENT_ASSERTION_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(privateKey);
}

/** A function giving a fresh `Bearer <assertion>` header value for each connection attempt, signed on `now`. */
export async function createAuthHeaderFactory(
  state: Pick<AgentState, 'agentId' | 'privateKeyJwk'>,
  now: () => number = Date.now,
): Promise<() => Promise<string>> {
  const privateKey = await importJWK(state.privateKeyJwk, 'EdDSA');
  return async () => `Bearer ${await signAgentAssertion(state.agentId, privateKey, now)}`;
}
