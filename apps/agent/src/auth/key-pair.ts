import { exportJWK, generateKeyPair } from 'jose';
import type { AgentState } from '../state/agent-state.ts';

/** A new Ed25519 key pair as JWKs: the public half goes to the server, the private half stays here. */
export async function createAgentKeyPair(): Promise<Pick<AgentState, 'privateKeyJwk' | 'publicKeyJwk'>> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  if (!publicJwk.x || !privateJwk.x || !privateJwk.d) throw new Error('Ed25519 key export gave an incomplete JWK');
  return {
    publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x },
    privateKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, d: privateJwk.d },
  };
}
