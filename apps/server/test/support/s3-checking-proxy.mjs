// A proxy in front of s3rver that checks what s3rver does not, answering as S3 does: SigV4
// signatures (Authorization header and presigned query), the payload hash a header-signed request
// declares, and x-amz-checksum-sha256 on uploads. Measured: s3rver 3.7.1 accepts a wrong secret, a
// tampered presigned URL and a corrupt part, so without this no test could show those refused.
// Not checked: the per-chunk signatures of aws-chunked streaming bodies.
import { createHash, createHmac } from 'node:crypto';
import { createServer, request } from 'node:http';

const rfc3986 = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();

function s3Error(response, status, code, message) {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
}

/** The signature the request should carry, or an error code when its auth is malformed or unknown. */
function expectedSignature(incoming, secrets) {
  const [rawPath, rawQuery = ''] = (incoming.url ?? '/').split(/\?(.*)/s);
  const query = [...new URLSearchParams(rawQuery)];
  const queryValue = (name) => query.find(([key]) => key === name)?.[1];
  let credential;
  let signedHeaders;
  let provided;
  let amzDate;
  let payloadHash;
  const authorization = incoming.headers.authorization;
  if (authorization?.startsWith('AWS4-HMAC-SHA256 ')) {
    const parts = Object.fromEntries(
      authorization
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((part) => part.trim().split(/=(.*)/s)),
    );
    [credential, signedHeaders, provided] = [parts.Credential, parts.SignedHeaders, parts.Signature];
    amzDate = incoming.headers['x-amz-date'];
    payloadHash = incoming.headers['x-amz-content-sha256'];
  } else if (queryValue('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = queryValue('X-Amz-Credential');
    signedHeaders = queryValue('X-Amz-SignedHeaders');
    provided = queryValue('X-Amz-Signature');
    amzDate = queryValue('X-Amz-Date');
    payloadHash = queryValue('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  } else {
    return { error: 'AccessDenied' };
  }
  if (!credential || !signedHeaders || !provided || !amzDate || !payloadHash) return { error: 'AccessDenied' };
  const [accessKeyId, ...scopeParts] = credential.split('/');
  const secret = secrets.get(accessKeyId);
  if (secret === undefined) return { error: 'InvalidAccessKeyId' };
  const [date, region, service] = scopeParts;
  const canonicalQuery = query
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(incoming.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    incoming.method,
    rawPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scopeParts.join('/'),
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return { provided, expected: hmac(key, stringToSign).toString('hex'), payloadHash };
}

/** Sends the request on to s3rver and its answer back; on success echoes the checksum, as S3 does. */
function forward(incoming, body, response, upstreamPort, checksum) {
  const upstreamRequest = request(
    { host: '127.0.0.1', port: upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (upstream) => {
      const headers = { ...upstream.headers };
      if (checksum && upstream.statusCode === 200) headers['x-amz-checksum-sha256'] = checksum;
      response.writeHead(upstream.statusCode ?? 502, headers);
      upstream.pipe(response);
    },
  );
  upstreamRequest.on('error', (error) => s3Error(response, 502, 'InternalError', error.message));
  if (Buffer.isBuffer(body)) upstreamRequest.end(body);
  else body.pipe(upstreamRequest);
}

/** Listens on 127.0.0.1 at a free port; resolves with the port. */
export function startS3CheckingProxy({ upstreamPort, secrets }) {
  const server = createServer((incoming, response) => {
    const check = expectedSignature(incoming, secrets);
    if (check.error === 'InvalidAccessKeyId') {
      return s3Error(
        response,
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    if (check.error) return s3Error(response, 403, 'AccessDenied', 'Access Denied');
    if (check.provided !== check.expected) {
      return s3Error(
        response,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    }
    const declaredChecksum = incoming.headers['x-amz-checksum-sha256'];
    const declaredPayload = /^[0-9a-f]{64}$/.test(check.payloadHash) ? check.payloadHash : undefined;
    if (!declaredChecksum && !declaredPayload) return forward(incoming, incoming, response, upstreamPort);
    // Held in memory and checked before s3rver sees it: a refused part must not replace a part
    // of the same number stored earlier, as it would if it were streamed through. Parts in tests
    // and the benchmark are MiBs, not GiBs.
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const digest = createHash('sha256').update(body).digest();
      if (declaredPayload && digest.toString('hex') !== declaredPayload) {
        return s3Error(
          response,
          400,
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
        );
      }
      if (declaredChecksum && digest.toString('base64') !== declaredChecksum) {
        return s3Error(response, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
      }
      forward(incoming, body, response, upstreamPort, declaredChecksum);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}
