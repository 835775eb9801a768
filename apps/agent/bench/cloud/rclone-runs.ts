import {
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { Cleanup } from '../../../server/bench/cleanup.ts';
import type { LocalAzurite } from '../../../server/test/support/local-azurite.ts';
import type { LocalS3 } from '../../../server/test/support/local-s3.ts';
import { run } from '../bench-process.ts';

/** How both tools are held to the same work: part size and parts (and files) in flight. */
export interface CloudTuning {
  partBytes: number;
  concurrency: number;
}

/**
 * rclone (Debian's) pointed at the local servers through environment configuration: remote `s3b`
 * (the S3 server, path style) and `azb` (Azurite, through a container SAS URL: rclone 1.60's
 * `endpoint` for Azure is a host suffix, not a URL).
 */
export function rcloneEnvironment(s3: LocalS3, azurite: LocalAzurite): Record<string, string> {
  const sas = generateBlobSASQueryParameters(
    {
      containerName: azurite.container,
      permissions: ContainerSASPermissions.parse('racwdl'),
      expiresOn: new Date(Date.now() + 6 * 3600_000),
    },
    new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey),
  ).toString();
  return {
    // A machine may set AWS_CA_BUNDLE (this one does, for its proxy): rclone then refuses its own transport.
    AWS_CA_BUNDLE: '',
    RCLONE_CONFIG_S3B_TYPE: 's3',
    RCLONE_CONFIG_S3B_PROVIDER: 'Other',
    RCLONE_CONFIG_S3B_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    RCLONE_CONFIG_S3B_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    RCLONE_CONFIG_S3B_ENDPOINT: s3.endpoint,
    RCLONE_CONFIG_S3B_REGION: s3.region,
    RCLONE_CONFIG_S3B_FORCE_PATH_STYLE: 'true',
    RCLONE_CONFIG_AZB_TYPE: 'azureblob',
    RCLONE_CONFIG_AZB_SAS_URL: `${azurite.blobEndpoint}/${azurite.container}?${sas}`,
  };
}

/** rclone's flags for the same part size and concurrency (files in flight and parts per file alike). */
export function rcloneFlags({ partBytes, concurrency }: CloudTuning): string[] {
  const part = `${Math.round(partBytes / 1024)}Ki`;
  return [
    ...['--transfers', String(concurrency), '--checkers', String(concurrency)],
    ...['--s3-chunk-size', part, '--s3-upload-cutoff', part, '--s3-upload-concurrency', String(concurrency)],
    ...['--azureblob-chunk-size', part, '--azureblob-upload-concurrency', String(concurrency)],
    ...['--multi-thread-streams', String(concurrency), '--multi-thread-cutoff', part],
    '--quiet',
  ];
}

/** `rclone copy from to` with the bench's tuning; resolves when it exits 0. */
export async function rcloneCopy(
  cleanup: Cleanup,
  env: Record<string, string>,
  tuning: CloudTuning,
  from: string,
  to: string,
): Promise<void> {
  await run(cleanup, 'rclone', ['copy', from, to, ...rcloneFlags(tuning)], { env });
}
