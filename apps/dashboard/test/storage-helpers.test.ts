import {
  CreateStorageLocationBodySchema,
  type StorageKind,
  type StorageLocation,
  UpdateStorageLocationBodySchema,
} from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { describeSignIn, describeWhere } from '../src/storage/describe-location.ts';
import { createBodyOf, fieldsOf, type LocationFields, updateBodyOf } from '../src/storage/location-body.ts';

const SERVICE_ACCOUNT_JSON = JSON.stringify({
  client_email: 'mover@project.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
});

const filled: Record<StorageKind, Partial<LocationFields>> = {
  s3: { bucket: 'nightly', region: 'eu-west-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'shh' },
  azure: { account: 'acmestore', container: 'drops', sasToken: '?sv=2024&sig=abc' },
  gcs: { bucket: 'acme-drops', serviceAccountJson: SERVICE_ACCOUNT_JSON },
};

const s3Location: StorageLocation = {
  kind: 's3',
  id: '00000000-0000-4000-8000-000000000001',
  projectId: '00000000-0000-4000-8000-000000000002',
  name: 'Nightly',
  credentials: { mode: 'access_key', accessKeyId: 'AKIAEXAMPLE' },
  credentialsUpdatedAt: '2026-12-07T10:00:00.000Z',
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  bucket: 'nightly',
  region: 'eu-west-1',
  endpoint: 'https://minio.example.test',
  forcePathStyle: true,
  prefix: 'db/',
};

describe('storage locations as the dashboard sends and words them', () => {
  it('sends each kind only the fields the server accepts for it', () => {
    for (const kind of ['s3', 'azure', 'gcs'] as const) {
      const fields = { ...fieldsOf(undefined, kind), name: `A ${kind} place`, ...filled[kind] };
      const parsed = CreateStorageLocationBodySchema.safeParse(createBodyOf(kind, fields));
      expect(parsed.error?.issues ?? [], kind).toEqual([]);
    }
  });

  it('keeps the credentials on editing unless new ones are chosen, and empties the endpoint to null', () => {
    const fields = { ...fieldsOf(s3Location, 's3'), name: 'Renamed', endpoint: '' };
    expect(fields.credentials).toBe('keep');
    expect(fields.secretAccessKey).toBe('');
    const body = updateBodyOf('s3', fields);
    expect(UpdateStorageLocationBodySchema.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty('credentials');
    expect(body).toMatchObject({ name: 'Renamed', endpoint: null });
  });

  it('says where a location is and how it signs in, without secrets', () => {
    expect(describeWhere(s3Location)).toBe('nightly/db/ at https://minio.example.test');
    expect(describeSignIn(s3Location.credentials)).toBe('Access key AKIAEXAMPLE');
    expect(describeSignIn({ mode: 'agent' })).toBe('The agent’s own credentials');
    expect(describeSignIn({ mode: 'service_account', clientEmail: 'x@y.test' })).toBe('Service account x@y.test');
  });
});
