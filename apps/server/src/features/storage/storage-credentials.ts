import type { ShownCredentials, StorageCredentials } from '@tcpa/contracts';
import type { SecretBox } from '../../auth/secret-box.ts';

/** The row a location's sealed credentials belong to: they open for that location only. */
export const storageCredentialsContext = (locationId: string) => `storage_locations:${locationId}:credentials`;

/** What a person sees of the credentials: how it signs in and the identifiers that are not secret. */
export function shownCredentials(credentials: StorageCredentials): ShownCredentials {
  switch (credentials.mode) {
    case 'access_key':
      return { mode: 'access_key', accessKeyId: credentials.accessKeyId };
    case 'service_account':
      return { mode: 'service_account', clientEmail: credentials.serviceAccountJson.client_email };
    case 'hmac':
      return { mode: 'hmac', accessId: credentials.accessId };
    default:
      return { mode: credentials.mode };
  }
}

/** The credentials sealed for the location's row; null when the agent signs in with its own. */
export function sealCredentials(
  secretBox: SecretBox,
  locationId: string,
  credentials: StorageCredentials,
): string | null {
  if (credentials.mode === 'agent') return null;
  return secretBox.seal(JSON.stringify(credentials), storageCredentialsContext(locationId));
}
