import { createServer, type Server } from 'node:http';
import { DEFAULT_RETRY_AFTER_MS, retryAfterMs } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureStore } from '../src/features/storage/azure-store.ts';
import { createS3Store } from '../src/features/storage/s3-store.ts';

const SECRET = 'SECRET-never-in-a-message';

/**
 * A store that answers as S3 and Azure do when they throttle or deny (no local server can be
 * made to): the SDKs read these answers, and the errors must say what a person does next.
 */
describe('store errors, from what the SDKs read off a real HTTP answer', () => {
  let server: Server;
  let endpoint = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '';
      const azure = url.startsWith('/devstoreaccount1');
      if (url.includes('slow')) {
        const headers: Record<string, string> = { 'content-type': 'application/xml', 'retry-after': '3' };
        if (azure) headers['x-ms-error-code'] = 'ServerBusy';
        response.writeHead(503, headers);
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${azure ? 'ServerBusy' : 'SlowDown'}</Code><Message>Please reduce your request rate.</Message></Error>`,
        );
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/xml' };
      if (azure) headers['x-ms-error-code'] = 'AuthorizationPermissionMismatch';
      response.writeHead(403, headers);
      response.end(
        request.method === 'HEAD'
          ? undefined
          : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const s3 = (bucket: string) =>
    createS3Store({
      bucket,
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET },
    });
  const azure = (container: string) =>
    createAzureStore({
      account: 'devstoreaccount1',
      container,
      endpoint: `${endpoint}/devstoreaccount1`,
      credentials: { mode: 'sas', sasToken: `sv=2024-08-04&sp=rl&sig=${SECRET}` },
    });

  it('S3 SlowDown is throttled, with the Retry-After the store sent', async () => {
    const error = await s3('slow-bucket')
      .check('')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'throttled',
      retryAfterMs: 3000,
      message: 'S3 asked us to slow down (SlowDown) on bucket slow-bucket: retrying later',
    });
  });

  it('S3 AccessDenied on one key names the key, and never the secret or a URL', async () => {
    const error = await s3('denied-bucket')
      .delete(['reports/q3.pdf'])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'access_denied' });
    const stat = await s3('denied-bucket')
      .stat(['reports/q3.pdf'])
      .catch((caught: unknown) => caught);
    expect(stat).toMatchObject({
      code: 'access_denied',
      message:
        'S3 denied access to bucket denied-bucket, key "reports/q3.pdf" (403): the credentials may not do this here; check their policy or permissions',
    });
    expect(String((stat as Error).message)).not.toMatch(/SECRET|http/);
  });

  it('Azure ServerBusy is throttled, and a SAS without the permission is access denied on the key', async () => {
    const busy = await azure('slow-container')
      .check('')
      .catch((caught: unknown) => caught);
    expect(busy).toMatchObject({ code: 'throttled', retryAfterMs: 3000 });
    const denied = await azure('denied-container')
      .stat(['a/b.txt'])
      .catch((caught: unknown) => caught);
    expect(denied).toMatchObject({
      code: 'access_denied',
      message: expect.stringMatching(
        /^Azure Blob Storage denied access to container denied-container of account devstoreaccount1, key "a\/b.txt"/,
      ),
    });
    expect(JSON.stringify([String(busy), String(denied)])).not.toContain('SECRET');
  });

  it('reads Retry-After as seconds or a date, and waits a default without one', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs(undefined)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMs('soon')).toBe(DEFAULT_RETRY_AFTER_MS);
  });
});
