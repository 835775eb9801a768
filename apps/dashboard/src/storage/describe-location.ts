import type { ShownCredentials, StorageKind, StorageLocation } from '@tcpa/contracts';

export const KIND_NAMES: Record<StorageKind, string> = {
  s3: 'Amazon S3 or compatible',
  azure: 'Azure Blob Storage',
  gcs: 'Google Cloud Storage',
};

/** Bucket or container, then the prefix in it, and the endpoint when it is not the provider's own. */
export function describeWhere(location: StorageLocation): string {
  const place = location.kind === 'azure' ? `${location.account}/${location.container}` : location.bucket;
  const path = location.prefix ? `${place}/${location.prefix.replace(/^\/+/, '')}` : place;
  const endpoint = location.kind === 'gcs' ? null : location.endpoint;
  return endpoint ? `${path} at ${endpoint}` : path;
}

export function describeSignIn(credentials: ShownCredentials): string {
  switch (credentials.mode) {
    case 'access_key':
      return `Access key ${credentials.accessKeyId}`;
    case 'agent':
      return 'The agent’s own credentials';
    case 'sas':
      return 'SAS token';
    case 'account_key':
      return 'Account key';
    case 'service_account':
      return `Service account ${credentials.clientEmail}`;
    case 'hmac':
      return `HMAC key ${credentials.accessId}`;
  }
}

/** The kind in a word, as a location is named beside a transfer: "Backups (S3)". */
export const KIND_SHORT_NAMES: Record<StorageKind, string> = { s3: 'S3', azure: 'Azure', gcs: 'GCS' };
