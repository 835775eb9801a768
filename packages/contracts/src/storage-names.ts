import { z } from 'zod';
import { textSchema } from './common.ts';

/** The providers' own naming rules, checked here so a typo is caught when the location is saved. */

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** S3 bucket names (general purpose buckets), as Amazon documents them. */
export const S3BucketSchema = z
  .string()
  .min(3, { error: 'must be 3 to 63 characters (S3 bucket naming rules)' })
  .max(63, { error: 'must be 3 to 63 characters (S3 bucket naming rules)' })
  .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, {
    error:
      'must hold only lowercase letters, digits, dots and hyphens, and begin and end with a letter or digit (S3 bucket naming rules)',
  })
  .refine((name) => !/\.\.|\.-|-\./.test(name), {
    error: 'must not have two dots, or a dot and a hyphen, side by side',
  })
  .refine((name) => !IP_ADDRESS.test(name), { error: 'must not look like an IP address (192.168.5.4)' })
  .refine((name) => !/^(xn--|sthree-|amzn-s3-demo-)/.test(name), {
    error: 'must not begin with xn--, sthree- or amzn-s3-demo- (reserved by Amazon)',
  })
  .refine((name) => !/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name), {
    error: 'must not end with -s3alias, --ol-s3, .mrap or --x-s3 (reserved by Amazon)',
  });

/** Google Cloud Storage bucket names; dotted names may be longer (222), each dotted part at most 63. */
export const GcsBucketSchema = z
  .string()
  .min(3, { error: 'must be 3 to 63 characters, or up to 222 with dots (GCS bucket naming rules)' })
  .max(222, { error: 'must be 3 to 63 characters, or up to 222 with dots (GCS bucket naming rules)' })
  .regex(/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/, {
    error:
      'must hold only lowercase letters, digits, dots, hyphens and underscores, and begin and end with a letter or digit (GCS bucket naming rules)',
  })
  .refine((name) => name.split('.').every((part) => part.length >= 1 && part.length <= 63), {
    error: 'must be at most 63 characters between dots, with no two dots side by side',
  })
  .refine((name) => name.includes('.') || name.length <= 63, {
    error: 'must be at most 63 characters unless it has dots',
  })
  .refine((name) => !IP_ADDRESS.test(name), { error: 'must not look like an IP address (192.168.5.4)' })
  .refine((name) => !name.startsWith('goog') && !/g[o0][o0]gle/.test(name), {
    error: 'must not begin with "goog" or contain "google" (reserved by Google)',
  });

/** An Azure storage account: 3 to 24 lowercase letters and digits. */
export const AzureAccountSchema = z.string().regex(/^[a-z0-9]{3,24}$/, {
  error: 'must be 3 to 24 lowercase letters and digits (the storage account name)',
});

/** An Azure Blob container. */
export const AzureContainerSchema = z
  .string()
  .min(3, { error: 'must be 3 to 63 characters (Azure container naming rules)' })
  .max(63, { error: 'must be 3 to 63 characters (Azure container naming rules)' })
  .regex(/^[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, {
    error:
      'must hold only lowercase letters, digits and single hyphens, and begin and end with a letter or digit (Azure container naming rules)',
  });

/** A region as the store names it (us-east-1, eu-central-1; anything for MinIO). */
export const RegionSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, {
  error: 'must be a region name such as us-east-1 (lowercase letters, digits and hyphens, at most 50)',
});

/** The folder inside the bucket or container the location is rooted at; empty for the whole of it. */
export const ObjectPrefixSchema = textSchema({ max: 1000, trim: false })
  .refine((prefix) => !prefix.startsWith('/'), {
    error: 'must not begin with a slash: it is a key prefix inside the bucket (backups/nightly)',
  })
  .refine((prefix) => !prefix.split('/').includes('..'), { error: 'must not contain ".." as a part' });

/** An S3-compatible store's (or Azurite's) address. */
export const StoreEndpointSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://minio.example.com:9000' })
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine((url) => !/^https?:\/\/[^/]*@/.test(url), {
    error: 'must not hold a user name or password: put those in credentials',
  });
