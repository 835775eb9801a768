import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { stopAndRemove, waitForReadyLine } from './server-process.ts';

/**
 * A real S3-compatible server (s3rver) behind a proxy that checks signatures and checksums, in its
 * own process, its data in a temporary folder. No ListParts, ListMultipartUploads or
 * AbortMultipartUpload: s3rver refuses them.
 */
export interface LocalS3 {
  /** `http://127.0.0.1:<port>`: give it to the SDK with `forcePathStyle: true`. */
  endpoint: string;
  bucket: string;
  region: string;
  /**
   * s3rver's one account. SigV4 signatures (header and presigned), declared payload hashes and
   * x-amz-checksum-sha256 are checked by the proxy in front of s3rver (s3-checking-proxy.mjs);
   * s3rver checks the access key id and a presigned URL's expiry.
   */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The server's process (benchmarks read its CPU time). */
  pid: number;
  /** The server's data folder (objects and unfinished multipart parts). */
  directory: string;
  /** Ends the process and removes the folder. */
  close(): Promise<void>;
}

const launcher = fileURLToPath(new URL('./local-s3-process.mjs', import.meta.url));

export async function startLocalS3(bucket = 'tcpa-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'tcpa-s3-'));
  // s3rver makes ListObjectsV2 continuation tokens with a cipher OpenSSL 3 keeps in its legacy
  // provider: without it every truncated listing answers InternalError.
  const child = spawn(process.execPath, ['--openssl-legacy-provider', launcher, directory, bucket], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const { port } = await waitForReadyLine(child, 's3rver', (line) =>
      line.startsWith('{') ? (JSON.parse(line) as { port: number }) : undefined,
    );
    return {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      directory,
      pid: child.pid ?? 0,
      close: () => stopAndRemove(child, directory),
    };
  } catch (error) {
    await stopAndRemove(child, directory);
    throw error;
  }
}

/**
 * An SDK client for the local server, for tests to set up and inspect its objects. The SDK's
 * default since 3.729 sends a stream body aws-chunked with a CRC32 trailer, and s3rver stores that
 * framing as the object's bytes (measured): checksums only when required.
 */
export function localS3Client(s3: LocalS3, credentials = s3.credentials): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
