import { CloudRelativeKeySchema } from '@tcpa/contracts';

/**
 * The whole object key of a key the agent sent, or null when it is not a relative key or would
 * leave the transfer's root (the agent's word is checked, never trusted).
 */
export function objectKeyOf(root: string, key: string): string | null {
  if (!CloudRelativeKeySchema.safeParse(key).success) return null;
  const objectKey = `${root}${key}`;
  if (!objectKey.startsWith(root) || objectKey.split('/').some((part) => part === '..' || part === '.')) return null;
  return objectKey;
}
