import type { StorageKind, StorageLocation } from '@tcpa/contracts';
import type {
  CreateStorageLocationInput,
  UpdateStorageLocationInput,
} from '../data/storage/save-storage-location-mutation.ts';

/** How a location signs in, as the form offers it; `keep` (editing only) sends no credentials. */
export type CredentialsChoice = 'keep' | 'access_key' | 'agent' | 'sas' | 'account_key' | 'service_account' | 'hmac';

export const CREDENTIAL_CHOICES: Record<StorageKind, { mode: CredentialsChoice; label: string }[]> = {
  s3: [
    { mode: 'access_key', label: 'Access key' },
    { mode: 'agent', label: 'The agent’s own credentials' },
  ],
  azure: [
    { mode: 'sas', label: 'SAS token' },
    { mode: 'account_key', label: 'Account key' },
  ],
  gcs: [
    { mode: 'service_account', label: 'Service account key file' },
    { mode: 'hmac', label: 'HMAC key' },
  ],
};

/** Every text field of every kind; the form shows the chosen kind's. */
export interface LocationFields {
  name: string;
  bucket: string;
  region: string;
  account: string;
  container: string;
  endpoint: string;
  forcePathStyle: boolean;
  prefix: string;
  credentials: CredentialsChoice;
  accessKeyId: string;
  secretAccessKey: string;
  sasToken: string;
  accountKey: string;
  serviceAccountJson: string;
  accessId: string;
  secret: string;
}

/** A location's fields to edit; secrets start empty and the current credentials are kept. */
export function fieldsOf(location: StorageLocation | undefined, kind: StorageKind): LocationFields {
  return {
    name: location?.name ?? '',
    bucket: location && location.kind !== 'azure' ? location.bucket : '',
    region: location?.kind === 's3' ? location.region : '',
    account: location?.kind === 'azure' ? location.account : '',
    container: location?.kind === 'azure' ? location.container : '',
    endpoint: (location && location.kind !== 'gcs' ? location.endpoint : null) ?? '',
    forcePathStyle: location?.kind === 's3' ? location.forcePathStyle : false,
    prefix: location?.prefix ?? '',
    credentials: location ? 'keep' : (CREDENTIAL_CHOICES[kind][0]?.mode ?? 'keep'),
    accessKeyId: '',
    secretAccessKey: '',
    sasToken: '',
    accountKey: '',
    serviceAccountJson: '',
    accessId: '',
    secret: '',
  };
}

function credentialsOf(fields: LocationFields) {
  switch (fields.credentials) {
    case 'keep':
      return undefined;
    case 'access_key':
      return { mode: 'access_key', accessKeyId: fields.accessKeyId, secretAccessKey: fields.secretAccessKey } as const;
    case 'agent':
      return { mode: 'agent' } as const;
    case 'sas':
      return { mode: 'sas', sasToken: fields.sasToken } as const;
    case 'account_key':
      return { mode: 'account_key', accountKey: fields.accountKey } as const;
    case 'service_account':
      return { mode: 'service_account', serviceAccountJson: fields.serviceAccountJson } as const;
    case 'hmac':
      return { mode: 'hmac', accessId: fields.accessId, secret: fields.secret } as const;
  }
}

/** The kind's fields only (the server refuses others); an empty endpoint is the provider's own. */
function settingsOf(kind: StorageKind, fields: LocationFields) {
  const endpoint = fields.endpoint.trim() || undefined;
  if (kind === 's3')
    return {
      bucket: fields.bucket,
      region: fields.region,
      endpoint,
      forcePathStyle: fields.forcePathStyle,
      prefix: fields.prefix,
    };
  if (kind === 'azure')
    return { account: fields.account, container: fields.container, endpoint, prefix: fields.prefix };
  return { bucket: fields.bucket, prefix: fields.prefix };
}

/** The server checks each credentials object against the kind; the form offers only the kind's modes. */
export function createBodyOf(kind: StorageKind, fields: LocationFields): CreateStorageLocationInput {
  return { kind, name: fields.name, ...settingsOf(kind, fields), credentials: credentialsOf(fields) } as never;
}

export function updateBodyOf(kind: StorageKind, fields: LocationFields): UpdateStorageLocationInput {
  const settings = settingsOf(kind, fields);
  const credentials = credentialsOf(fields);
  return {
    kind,
    name: fields.name,
    ...settings,
    // Emptied on editing: back to the provider's own endpoint.
    ...('endpoint' in settings ? { endpoint: settings.endpoint ?? null } : {}),
    ...(credentials ? { credentials } : {}),
  } as never;
}
