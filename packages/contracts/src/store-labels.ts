import type { StorageLocation } from './storage-locations.ts';

/** A prefix taken as a folder, as the stores take a location's: `''`, or ending in `/`. */
const folderOf = (prefix: string) => (prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`);

/**
 * Where a transfer's objects live in the store: the location's prefix, then the transfer's, each
 * taken as a folder. `''` for the bucket's root, else ending in `/`.
 */
export function transferRootOf(locationPrefix: string, transferPrefix: string): string {
  return folderOf(locationPrefix) + folderOf(transferPrefix);
}

/** `s3://bucket/root`, `azure://account/container/root`, `gs://bucket/root`: what people read. */
export function storeLabelOf(location: StorageLocation, transferPrefix: string): string {
  const root = transferRootOf(location.prefix, transferPrefix);
  switch (location.kind) {
    case 's3':
      return `s3://${location.bucket}/${root}`;
    case 'azure':
      return `azure://${location.account}/${location.container}/${root}`;
    case 'gcs':
      return `gs://${location.bucket}/${root}`;
  }
}
