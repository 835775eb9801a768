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

/** The chosen sign-in of each kind; `undefined` keeps the current ones. */
function s3CredentialsOf(fields: LocationFields) {
  if (fields.credentials === 'access_key')
    return { mode: 'access_key', accessKeyId: fields.accessKeyId, secretAccessKey: fields.secretAccessKey } as const;
  if (fields.credentials === 'agent') return { mode: 'agent' } as const;
  return undefined;
}

function azureCredentialsOf(fields: LocationFields) {
  if (fields.credentials === 'sas') return { mode: 'sas', sasToken: fields.sasToken } as const;
  if (fields.credentials === 'account_key') return { mode: 'account_key', accountKey: fields.accountKey } as const;
  return undefined;
}

function gcsCredentialsOf(fields: LocationFields) {
  if (fields.credentials === 'service_account')
    return { mode: 'service_account', serviceAccountJson: fields.serviceAccountJson } as const;
  if (fields.credentials === 'hmac') return { mode: 'hmac', accessId: fields.accessId, secret: fields.secret } as const;
  return undefined;
}

/** Required on creation; on editing, left out keeps the current ones. */
function withCredentials<T>(credentials: T | undefined, required: boolean): { credentials?: T } {
  return credentials || required ? { credentials: credentials as T } : {};
}

/** The kind's fields only (the server refuses others); an empty endpoint is the provider's own. */
function bodyOf(kind: StorageKind, fields: LocationFields, editing: boolean) {
  const endpoint = fields.endpoint.trim() || (editing ? null : undefined);
  const common = { name: fields.name, prefix: fields.prefix };
  switch (kind) {
    case 's3':
      return {
        kind,
        ...common,
        bucket: fields.bucket,
        region: fields.region,
        endpoint,
        forcePathStyle: fields.forcePathStyle,
        ...withCredentials(s3CredentialsOf(fields), !editing),
      };
    case 'azure':
      return {
        kind,
        ...common,
        account: fields.account,
        container: fields.container,
        endpoint,
        ...withCredentials(azureCredentialsOf(fields), !editing),
      };
    case 'gcs':
      return { kind, ...common, bucket: fields.bucket, ...withCredentials(gcsCredentialsOf(fields), !editing) };
  }
}

export function createBodyOf(kind: StorageKind, fields: LocationFields): CreateStorageLocationInput {
  return bodyOf(kind, fields, false) as CreateStorageLocationInput;
}

/** Every field is sent; an emptied endpoint goes back to the provider's own. */
export function updateBodyOf(kind: StorageKind, fields: LocationFields): UpdateStorageLocationInput {
  return bodyOf(kind, fields, true) as UpdateStorageLocationInput;
}
