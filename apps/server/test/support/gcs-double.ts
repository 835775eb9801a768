import { createHash, createVerify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A small stand-in for GCS at the SDK's `apiEndpoint` (no local GCS server exists on npm that
 * runs here): the JSON API calls the store makes (list, get metadata, delete) and the V4 signed
 * URLs' PUT and GET, whose RSA signatures it checks with the service account's public key.
 * It records what the SDK sent, for the tests to check.
 */
export interface GcsDouble {
  endpoint: string;
  bucket: string;
  objects: Map<string, { bytes: Buffer; metadata: Record<string, string>; updated: string }>;
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startGcsDouble(bucket: string, publicKey: KeyObject): Promise<GcsDouble> {
  const objects: GcsDouble['objects'] = new Map();
  const requests: GcsDouble['requests'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      answer(request, Buffer.concat(chunks), response);
    });
  });

  function answer(request: IncomingMessage, body: Buffer, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://double');
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    const notFound = (what: string) =>
      json(404, { error: { code: 404, message: `${what} not found`, errors: [{ reason: 'notFound' }] } });
    const bucketCall = /^\/storage\/v1\/b\/([^/]+)$/.exec(url.pathname);
    if (bucketCall) {
      return decodeURIComponent(bucketCall[1] ?? '') === bucket
        ? json(200, { kind: 'storage#bucket', name: bucket })
        : notFound('bucket');
    }
    const api = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/(.+))?$/.exec(url.pathname);
    if (api) {
      if (decodeURIComponent(api[1] ?? '') !== bucket) return notFound('bucket');
      const name = api[2] && decodeURIComponent(api[2]);
      if (!name) {
        const prefix = url.searchParams.get('prefix') ?? '';
        const max = Number(url.searchParams.get('maxResults') ?? 1000);
        const names = [...objects.keys()].filter((key) => key.startsWith(prefix)).sort();
        const start = Number(url.searchParams.get('pageToken') ?? 0);
        const items = names.slice(start, start + max).map((key) => resource(key));
        return json(200, {
          kind: 'storage#objects',
          items,
          nextPageToken: start + max < names.length ? String(start + max) : undefined,
        });
      }
      if (!objects.has(name)) return notFound('object');
      if (request.method === 'DELETE') {
        objects.delete(name);
        response.writeHead(204).end();
        return;
      }
      return json(200, resource(name));
    }
    // A signed URL: /bucket/key?X-Goog-…
    const refused = signatureProblem(request, url, publicKey);
    if (refused) {
      response.writeHead(403, { 'content-type': 'application/xml' });
      response.end(`<?xml version='1.0' encoding='UTF-8'?><Error><Code>${refused}</Code></Error>`);
      return;
    }
    const [, objectBucket, ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    if (objectBucket !== bucket) return notFound('bucket');
    if (request.method === 'PUT') {
      const metadata = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([header]) => header.startsWith('x-goog-meta-'))
          .map(([header, value]) => [header.slice('x-goog-meta-'.length), String(value)]),
      );
      objects.set(key, { bytes: body, metadata, updated: new Date().toISOString() });
      response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      return;
    }
    const object = objects.get(key);
    if (!object) return notFound('object');
    const headers = Object.fromEntries(
      Object.entries(object.metadata).map(([name, value]) => [`x-goog-meta-${name}`, value]),
    );
    const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers.range ?? ''));
    if (range) {
      response.writeHead(206, headers).end(object.bytes.subarray(Number(range[1]), Number(range[2]) + 1));
      return;
    }
    response.writeHead(200, headers).end(object.bytes);
  }

  function resource(name: string) {
    const object = objects.get(name);
    return {
      kind: 'storage#object',
      name,
      bucket,
      size: String(object?.bytes.length),
      updated: object?.updated,
      metadata: object?.metadata,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** GCS's V4 check: the canonical request rebuilt from what arrived, its hash signed with the account's key. */
function signatureProblem(request: IncomingMessage, url: URL, publicKey: KeyObject): string | undefined {
  const query = url.searchParams;
  if (query.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256') return 'AccessDenied';
  const signature = query.get('X-Goog-Signature') ?? '';
  const date = query.get('X-Goog-Date') ?? '';
  const expires = Number(query.get('X-Goog-Expires'));
  const signedAt = Date.parse(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (!(signedAt + expires * 1000 > Date.now())) return 'ExpiredToken';
  const rawQuery = (request.url ?? '').split('?')[1] ?? '';
  const canonicalQuery = rawQuery
    .split('&')
    .filter((pair) => !pair.startsWith('X-Goog-Signature='))
    .sort()
    .join('&');
  const signedHeaders = query.get('X-Goog-SignedHeaders') ?? '';
  // The SDK signs the host without its port (GCS is on 443); the double listens on another port.
  const headerValue = (name: string) =>
    name === 'host' ? String(request.headers.host ?? '').replace(/:\d+$/, '') : String(request.headers[name] ?? '');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${headerValue(name).trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = (query.get('X-Goog-Credential') ?? '').split('/').slice(1).join('/');
  const toSign = ['GOOG4-RSA-SHA256', date, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join(
    '\n',
  );
  const verifier = createVerify('RSA-SHA256').update(toSign);
  return verifier.verify(publicKey, Buffer.from(signature, 'hex')) ? undefined : 'SignatureDoesNotMatch';
}
