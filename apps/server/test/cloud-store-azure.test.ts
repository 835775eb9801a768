import {
  ContainerSASPermissions,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureAccountUrl, createAzureStore } from '../src/features/storage/azure-store.ts';
import { type CloudStoreContract, describeCloudStore } from './support/cloud-store-contract.ts';
import { type LocalAzurite, startLocalAzurite } from './support/local-azurite.ts';

const WRONG_KEY = Buffer.from('not the account key at all, but base64 all the same').toString('base64');

describe('Azure store (Azurite)', () => {
  let azure: LocalAzurite;
  beforeAll(async () => {
    azure = await startLocalAzurite();
  });
  afterAll(() => azure?.close());

  const withKey = (accountKey: string, container = azure.container) =>
    createAzureStore({
      account: azure.accountName,
      container,
      endpoint: azure.blobEndpoint,
      credentials: { mode: 'account_key', accountKey },
    });
  /** A container SAS as a person would paste it from the portal (with its leading '?' already taken off). */
  const containerSas = (container: string, accountKey = azure.accountKey) =>
    generateBlobSASQueryParameters(
      {
        containerName: container,
        permissions: ContainerSASPermissions.parse('racwdl'),
        expiresOn: new Date(Date.now() + 3600_000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      new StorageSharedKeyCredential(azure.accountName, accountKey),
    ).toString();
  const withSas = (sasToken: string, container = azure.container) =>
    createAzureStore({
      account: azure.accountName,
      container,
      endpoint: azure.blobEndpoint,
      credentials: { mode: 'sas', sasToken },
    });

  describe('with the account key (per-blob service SAS)', () => {
    describeCloudStore({
      store: () => withKey(azure.accountKey),
      wrongCredentials: () => withKey(WRONG_KEY),
      missingBucket: () => withKey(azure.accountKey, 'no-such-container'),
      credentialsWords:
        /Azure Blob Storage refused the location's credentials \(AuthorizationFailure\): check the account key or SAS token/,
      missingBucketWords: /Azure Blob Storage has no container no-such-container of account devstoreaccount1/,
      sha256Header: 'x-ms-meta-sha256',
    } satisfies CloudStoreContract);

    it('hands out a write SAS for one blob, no longer than 15 minutes, that cannot read', async () => {
      const store = withKey(azure.accountKey);
      const [put] = await store.presignPut(
        [{ key: 'one/blob.bin', sizeBytes: 1, sha256Hex: '0'.repeat(64) }],
        Date.now() + 86_400_000,
      );
      const url = new URL(put?.request.url ?? '');
      expect(url.pathname).toBe(`/devstoreaccount1/${azure.container}/one/blob.bin`);
      expect(url.searchParams.get('sp')).toBe('cw');
      expect(url.searchParams.get('sr')).toBe('b');
      expect(put?.request.expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
      expect(Date.parse(url.searchParams.get('se') ?? '')).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
      expect((await fetch(url)).status).toBe(403);
    });
  });

  describe("with the location's own SAS token", () => {
    describeCloudStore({
      store: () => withSas(containerSas(azure.container)),
      wrongCredentials: () => withSas(containerSas(azure.container, Buffer.from('wrong key').toString('base64'))),
      missingBucket: () => withSas(containerSas('no-such-container'), 'no-such-container'),
      credentialsWords: /Azure Blob Storage refused the location's credentials \(AuthorizationFailure\)/,
      missingBucketWords: /Azure Blob Storage has no container no-such-container/,
      sha256Header: 'x-ms-meta-sha256',
    } satisfies CloudStoreContract);
  });

  it("finds the account's URL for Azure, an emulator's path style and a custom domain", () => {
    expect(azureAccountUrl('acme', undefined)).toBe('https://acme.blob.core.windows.net');
    expect(azureAccountUrl('devstoreaccount1', 'http://127.0.0.1:10000')).toBe(
      'http://127.0.0.1:10000/devstoreaccount1',
    );
    expect(azureAccountUrl('devstoreaccount1', 'http://127.0.0.1:10000/devstoreaccount1/')).toBe(
      'http://127.0.0.1:10000/devstoreaccount1',
    );
    expect(azureAccountUrl('acme', 'https://acme.blob.example.net')).toBe('https://acme.blob.example.net');
  });

  it('says an unreachable endpoint is unreachable, naming host and port only', async () => {
    const store = createAzureStore({
      account: 'acme',
      container: 'c',
      endpoint: 'http://127.0.0.1:9',
      credentials: { mode: 'account_key', accountKey: azure.accountKey },
    });
    await expect(store.check('')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'could not reach Azure Blob Storage at 127.0.0.1:9: connection refused',
    });
  });
});
