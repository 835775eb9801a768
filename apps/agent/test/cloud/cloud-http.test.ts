import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudHttpError, sendCloudHttp } from '../../src/cloud/cloud-http.ts';

type Answer = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A store that answers each request with the next of `answers` (the last one again when they run out). */
async function store(answers: Answer[]) {
  const seen: { method: string; at: number; body: Buffer }[] = [];
  const listening = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: request.method ?? '', at: performance.now(), body });
      (answers[seen.length - 1] ?? (answers.at(-1) as Answer))(request, body, response);
    });
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/bucket/key?X-Amz-Signature=secret`;
  return { seen, request: (method: 'GET' | 'PUT') => ({ method, url, headers: {}, expiresAt: Date.now() + 3600_000 }) };
}

const slowDown: Answer = (_request, _body, response) => {
  response.writeHead(503, { 'content-type': 'application/xml' });
  response.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
};
const tooMany =
  (retryAfter: string): Answer =>
  (_request, _body, response) => {
    response.writeHead(429, { 'retry-after': retryAfter });
    response.end();
  };
const ok: Answer = (_request, _body, response) => {
  response.writeHead(200, { etag: '"abc"' });
  response.end();
};

describe('requests to a store that throttles', () => {
  it("waits out a 429's Retry-After, then sends the same part again", async () => {
    const { seen, request } = await store([tooMany('1'), ok]);
    const body = Buffer.from('part bytes');
    const response = await sendCloudHttp(request('PUT'), { body, signal: new AbortController().signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"abc"');
    expect(seen.map((one) => one.body.toString())).toEqual(['part bytes', 'part bytes']);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up after five SlowDowns, saying what the store said and that it was asked to slow down', async () => {
    const { seen, request } = await store([slowDown]);
    const error = await sendCloudHttp(request('GET'), { signal: new AbortController().signal }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CloudHttpError);
    expect((error as CloudHttpError).status).toBe(503);
    expect((error as Error).message).toBe(
      'HTTP 503 SlowDown: Please reduce your request rate. (the store asked to slow down; tried 5 times)',
    );
    expect((error as Error).message).not.toContain('secret');
    expect(seen).toHaveLength(5);
  }, 20_000);

  it('does not send again what the store refused for good', async () => {
    const { seen, request } = await store([
      (_request, _body, response) => {
        response.writeHead(403);
        response.end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      },
    ]);
    await expect(
      sendCloudHttp(request('PUT'), { body: Buffer.from('x'), signal: new AbortController().signal }),
    ).rejects.toThrow('HTTP 403 AccessDenied: Access Denied');
    expect(seen).toHaveLength(1);
  });
});
