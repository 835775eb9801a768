import type { AzureCredentials, GcsCredentials, S3Credentials } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import type { SecretBox } from '../../auth/secret-box.ts';
import { type CloudStore, CloudStoreError } from './cloud-store.ts';
import { readLocationCredentialsAsService } from './location-credentials.sql.ts';
import { storageCredentialsContext } from './storage-credentials.ts';

export interface OpenedLocation {
  store: CloudStore;
  /** The location's prefix as keys start with it: '' or ending in '/'. */
  prefix: string;
  name: string;
  /** Lets go of the SDK's connections. */
  close(): void;
}

/** `backups/nightly` and `backups/nightly/` both mean the folder: keys under it start `backups/nightly/`. */
export const keyPrefixOf = (prefix: string) => (prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`);

/**
 * The CloudStore of a project's location, with its credentials opened by the server's secret key.
 * The caller has found the location in its own project (tenant-scoped); this reads the sealed
 * credentials as the service. Throws CloudStoreError when the location cannot be driven from here.
 * Each kind's SDK is loaded the first time a location of that kind is opened: together they are
 * most of the server's start-up imports, and many servers never use one of them.
 */
export async function openLocationStore(
  database: Database,
  secretBox: SecretBox,
  projectId: string,
  locationId: string,
): Promise<OpenedLocation> {
  const row = await readLocationCredentialsAsService(database, projectId, locationId);
  if (!row) throw new CloudStoreError('not_found', 'the storage location no longer exists');
  const settings = row.settings as {
    bucket?: string;
    region?: string;
    endpoint?: string | null;
    forcePathStyle?: boolean;
    account?: string;
    container?: string;
    prefix?: string;
  };
  const prefix = keyPrefixOf(settings.prefix ?? '');
  if (row.credentials === null) {
    throw new CloudStoreError(
      'invalid',
      `"${row.name}" signs in with the agent's own instance credentials, which the control plane does not have: it cannot test or drive this location yet; give it an access key instead`,
    );
  }
  const opened = secretBox.open(row.credentials, storageCredentialsContext(row.id));
  if (opened === undefined) {
    throw new CloudStoreError(
      'credentials',
      `the credentials of "${row.name}" cannot be decrypted with this server's secret key (TCPA_SECRET_KEY changed?): enter them again`,
    );
  }
  // Sealed as the API checked them (storage-credentials.ts): the kind says which shape.
  const credentials: unknown = JSON.parse(opened);
  const endpoint = settings.endpoint ?? undefined;

  if (row.kind === 's3') {
    const s3 = credentials as S3Credentials;
    if (s3.mode !== 'access_key') throw new CloudStoreError('invalid', `"${row.name}" has no access key`);
    const { createS3Store } = await import('./s3-store.ts');
    const store = createS3Store({
      bucket: String(settings.bucket),
      region: String(settings.region),
      endpoint,
      forcePathStyle: settings.forcePathStyle ?? false,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      prefix,
    });
    return { store, prefix, name: row.name, close: store.close };
  }
  if (row.kind === 'azure') {
    const { createAzureStore } = await import('./azure-store.ts');
    const store = createAzureStore({
      account: String(settings.account),
      container: String(settings.container),
      endpoint,
      credentials: credentials as AzureCredentials,
      prefix,
    });
    return { store, prefix, name: row.name, close: () => {} };
  }
  const gcs = credentials as GcsCredentials;
  if (gcs.mode === 'hmac') {
    const { createS3Store, GCS_XML_ENDPOINT } = await import('./s3-store.ts');
    const store = createS3Store({
      bucket: String(settings.bucket),
      region: 'auto',
      endpoint: GCS_XML_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: gcs.accessId, secretAccessKey: gcs.secret },
      provider: 'GCS',
      prefix,
    });
    return { store, prefix, name: row.name, close: store.close };
  }
  const { createGcsStore } = await import('./gcs-store.ts');
  const store = createGcsStore({ bucket: String(settings.bucket), serviceAccount: gcs.serviceAccountJson, prefix });
  return { store, prefix, name: row.name, close: () => {} };
}
