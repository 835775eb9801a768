import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';
const IV_BYTES = 12;

/**
 * Encrypts a secret for storage: AES-256-GCM with a random 96-bit IV, written as
 * `v1.<iv>.<ciphertext>.<tag>` (base64url). `context` (e.g. the row's id) is authenticated
 * with it, so a sealed value moved to another row does not open.
 */
export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The plaintext, or undefined when `key` is not the key it was sealed with (or it was altered). */
export function openSealedSecret(key: Buffer, sealed: string, context: string): string | undefined {
  const [format, iv, ciphertext, tag] = sealed.split('.');
  if (format !== FORMAT || iv === undefined || ciphertext === undefined || tag === undefined) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(context))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
