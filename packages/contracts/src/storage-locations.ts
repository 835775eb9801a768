import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import {
  AzureAccountSchema,
  AzureContainerSchema,
  GcsBucketSchema,
  ObjectPrefixSchema,
  RegionSchema,
  S3BucketSchema,
  StoreEndpointSchema,
} from './storage-names.ts';

/**
 * A storage location: a bucket or container (and a prefix in it) of a project, with the
 * credentials to reach it. Secrets go in and are never sent back: a response shows how the
 * location signs in and the identifiers that are not secret (an access key id, an email).
 */

export const StorageKindSchema = z.enum(['s3', 'azure', 'gcs']);
export type StorageKind = z.infer<typeof StorageKindSchema>;

/** A project holds at most this many locations. */
export const MAX_STORAGE_LOCATIONS_PER_PROJECT = 100;

const locationName = textSchema({ min: 1, max: 100 });
const identifier = textSchema({ min: 1, max: 256 });
/** Secrets are kept exactly as sent: no trimming. */
const secret = (max: number) => textSchema({ min: 1, max, trim: false });

/** As the portal copies it, with or without the leading `?`. */
const SasTokenSchema = secret(4096).transform((token) => token.replace(/^\?/, ''));
const AccountKeySchema = secret(256).regex(/^[A-Za-z0-9+/]+={0,2}$/, {
  error: 'must be the storage account key as the portal shows it (base64)',
});

/** Google's key file, as downloaded: other fields it holds are kept with it. */
const ServiceAccountKeySchema = z.looseObject({
  client_email: z.email({ error: 'must hold client_email, the service account’s email' }).max(254),
  private_key: z
    .string({ error: 'must hold private_key' })
    .refine((key) => key.includes('PRIVATE KEY'), { error: 'private_key must be a PEM private key' }),
});

/** The key file's text; parsed, so a wrong file is refused now and not at the first transfer. */
const ServiceAccountJsonSchema = textSchema({ min: 1, max: 20_000, multiline: true, trim: false })
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be the service account’s JSON key file, as downloaded' });
      return z.NEVER;
    }
  })
  .pipe(ServiceAccountKeySchema);

/** A missing credentials object says what to send; a wrong one gets zod's own message. */
const credentialsRequired = (modes: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: how the location signs in (mode ${modes})` : undefined,
});

export const S3CredentialsSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('access_key'), accessKeyId: identifier, secretAccessKey: secret(1024) }),
    /** The agent's own instance credentials (an EC2 instance profile, environment variables). */
    z.strictObject({ mode: z.literal('agent') }),
  ],
  credentialsRequired('"access_key" with accessKeyId and secretAccessKey, or "agent" for the agent’s own'),
);
export const AzureCredentialsSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('sas'), sasToken: SasTokenSchema }),
    z.strictObject({ mode: z.literal('account_key'), accountKey: AccountKeySchema }),
  ],
  credentialsRequired('"sas" with sasToken, or "account_key" with accountKey'),
);
export const GcsCredentialsSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('service_account'), serviceAccountJson: ServiceAccountJsonSchema }),
    /** HMAC keys, for GCS's S3-compatible API. */
    z.strictObject({ mode: z.literal('hmac'), accessId: identifier, secret: secret(256) }),
  ],
  credentialsRequired('"service_account" with serviceAccountJson, or "hmac" with accessId and secret'),
);
export type S3Credentials = z.output<typeof S3CredentialsSchema>;
export type AzureCredentials = z.output<typeof AzureCredentialsSchema>;
export type GcsCredentials = z.output<typeof GcsCredentialsSchema>;
export type StorageCredentials = S3Credentials | AzureCredentials | GcsCredentials;

const s3Settings = {
  bucket: S3BucketSchema,
  region: RegionSchema,
  endpoint: StoreEndpointSchema.optional(),
  /** Bucket in the path (https://host/bucket/key), as most S3-compatible stores want. */
  forcePathStyle: z.boolean().default(false),
  prefix: ObjectPrefixSchema.default(''),
};
const azureSettings = {
  account: AzureAccountSchema,
  container: AzureContainerSchema,
  /** Azurite, or another Blob-compatible endpoint; Azure's own by default. */
  endpoint: StoreEndpointSchema.optional(),
  prefix: ObjectPrefixSchema.default(''),
};
const gcsSettings = { bucket: GcsBucketSchema, prefix: ObjectPrefixSchema.default('') };

export const CreateStorageLocationBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('s3'), name: locationName, ...s3Settings, credentials: S3CredentialsSchema }),
  z.strictObject({
    kind: z.literal('azure'),
    name: locationName,
    ...azureSettings,
    credentials: AzureCredentialsSchema,
  }),
  z.strictObject({ kind: z.literal('gcs'), name: locationName, ...gcsSettings, credentials: GcsCredentialsSchema }),
]);
export type CreateStorageLocationBody = z.output<typeof CreateStorageLocationBodySchema>;

/**
 * Fields left out stay as they are; `credentials` replaces them whole (left out, they are kept);
 * `endpoint: null` goes back to the provider's own. `kind` says which fields apply and must be
 * the location's: a location does not change kind.
 */
export const UpdateStorageLocationBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('s3'),
    name: locationName.optional(),
    bucket: s3Settings.bucket.optional(),
    region: s3Settings.region.optional(),
    endpoint: StoreEndpointSchema.nullable().optional(),
    forcePathStyle: z.boolean().optional(),
    prefix: ObjectPrefixSchema.optional(),
    credentials: S3CredentialsSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('azure'),
    name: locationName.optional(),
    account: azureSettings.account.optional(),
    container: azureSettings.container.optional(),
    endpoint: StoreEndpointSchema.nullable().optional(),
    prefix: ObjectPrefixSchema.optional(),
    credentials: AzureCredentialsSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('gcs'),
    name: locationName.optional(),
    bucket: gcsSettings.bucket.optional(),
    prefix: ObjectPrefixSchema.optional(),
    credentials: GcsCredentialsSchema.optional(),
  }),
]);
export type UpdateStorageLocationBody = z.output<typeof UpdateStorageLocationBodySchema>;

/** How a location signs in, without its secret. */
export const ShownCredentialsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('access_key'), accessKeyId: z.string() }),
  z.strictObject({ mode: z.literal('agent') }),
  z.strictObject({ mode: z.literal('sas') }),
  z.strictObject({ mode: z.literal('account_key') }),
  z.strictObject({ mode: z.literal('service_account'), clientEmail: z.string() }),
  z.strictObject({ mode: z.literal('hmac'), accessId: z.string() }),
]);
export type ShownCredentials = z.infer<typeof ShownCredentialsSchema>;

const shown = {
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  credentials: ShownCredentialsSchema,
  credentialsUpdatedAt: TimestampSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};
export const StorageLocationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('s3'),
    ...shown,
    bucket: z.string(),
    region: z.string(),
    endpoint: z.string().nullable(),
    forcePathStyle: z.boolean(),
    prefix: z.string(),
  }),
  z.strictObject({
    kind: z.literal('azure'),
    ...shown,
    account: z.string(),
    container: z.string(),
    endpoint: z.string().nullable(),
    prefix: z.string(),
  }),
  z.strictObject({ kind: z.literal('gcs'), ...shown, bucket: z.string(), prefix: z.string() }),
]);
export type StorageLocation = z.infer<typeof StorageLocationSchema>;
export const StorageLocationListSchema = z.strictObject({ locations: z.array(StorageLocationSchema) });
