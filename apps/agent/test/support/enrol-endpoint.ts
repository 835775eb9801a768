import type { RequestListener } from 'node:http';

export interface EnrolRequestSeen {
  method: string | undefined;
  url: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** A stand-in for POST /api/v1/agents/enrol that answers with `reply` and records each request. */
export function enrolEndpoint(
  reply: (body: unknown) => { status: number; body: unknown },
  seen: EnrolRequestSeen[],
): RequestListener {
  return (request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text || 'null');
      seen.push({ method: request.method, url: request.url, contentType: request.headers['content-type'], body });
      if (request.url !== '/api/v1/agents/enrol') {
        response.writeHead(404).end();
        return;
      }
      const answer = reply(body);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  };
}
