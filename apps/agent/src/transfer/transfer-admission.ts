import { MAX_TRANSFER_TOKEN_LIFETIME_SECONDS, type TransferTokenClaims } from '@tcpa/contracts/data-channel';
import { TransferTokenError } from './transfer-token.ts';

/**
 * How long a refusal is kept: by then every token it could refuse has expired (tokens live at
 * most MAX_TRANSFER_TOKEN_LIFETIME_SECONDS; a minute more for clocks and the command's way here),
 * and an expired token opens nothing new.
 */
const REMEMBER_MS = (MAX_TRANSFER_TOKEN_LIFETIME_SECONDS + 60) * 1000;
const PRUNE_EVERY_MS = 60_000;

/**
 * Which signed tokens the destination still honours: not those of an attempt older than one it
 * accepted, nor of an attempt the control plane stopped (cancel, pause), nor from a source agent
 * that was revoked. Entries are kept only as long as such a token could still be valid.
 */
export class TransferAdmission {
  /** Per transfer: the lowest attempt still allowed, until when that matters. */
  private readonly lowestAttempt = new Map<string, { attempt: number; until: number }>();
  /** Revoked source agents, until when that matters. */
  private readonly revokedSources = new Map<string, number>();
  private nextPruneAt = 0;

  /** Throws unless this token's attempt may still be served. */
  check(claims: TransferTokenClaims): void {
    this.prune();
    if (this.revokedSources.has(claims.src)) {
      throw new TransferTokenError('source_revoked', 'the source agent of this transfer was revoked');
    }
    const lowest = this.lowestAttempt.get(claims.tid)?.attempt ?? 0;
    if (claims.att < lowest) {
      throw new TransferTokenError(
        'token_superseded',
        `attempt ${claims.att} of this transfer is over: a later attempt started or the transfer was stopped`,
      );
    }
  }

  /** A control stream of this attempt was accepted: earlier attempts are over. */
  accepted(claims: TransferTokenClaims): void {
    this.raise(claims.tid, claims.att);
  }

  /** The control plane stopped the transfer at `attempt`: that attempt and earlier ones are over. */
  stopped(transferId: string, attempt: number): void {
    this.raise(transferId, attempt + 1);
  }

  sourceRevoked(agentId: string): void {
    this.revokedSources.set(agentId, Date.now() + REMEMBER_MS);
  }

  private raise(transferId: string, attempt: number): void {
    const current = this.lowestAttempt.get(transferId)?.attempt ?? 0;
    this.lowestAttempt.set(transferId, { attempt: Math.max(current, attempt), until: Date.now() + REMEMBER_MS });
  }

  private prune(): void {
    const now = Date.now();
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    for (const [id, { until }] of this.lowestAttempt) if (until < now) this.lowestAttempt.delete(id);
    for (const [id, until] of this.revokedSources) if (until < now) this.revokedSources.delete(id);
  }
}
