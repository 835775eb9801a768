import { openSealedSecret, sealSecret } from './sealed-secrets.ts';

/** Seals and opens secrets stored in the database with the server's secret key; `context` is the row they belong to. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Undefined when it was sealed with another key, for another row, or altered. */
  open(sealed: string, context: string): string | undefined;
}

export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal: (plaintext, context) => sealSecret(key, plaintext, context),
    open: (sealed, context) => openSealedSecret(key, sealed, context),
  };
}
