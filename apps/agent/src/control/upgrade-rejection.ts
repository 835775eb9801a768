import type { IncomingMessage } from 'node:http';
import { ErrorBodySchema } from '@tcpa/contracts';

export interface UpgradeRejection {
  status: number;
  message: string;
}

const MAX_BODY_CHARS = 2_000;

/**
 * Reads why the server refused the WebSocket upgrade with a plain HTTP response: the
 * `{error: {message}}` body when it is one, else the start of the body or the status text.
 * Gives up on the body after `timeoutMs`.
 */
export function readUpgradeRejection(response: IncomingMessage, timeoutMs = 2_000): Promise<UpgradeRejection> {
  const status = response.statusCode ?? 0;
  return new Promise((resolve) => {
    let body = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      response.destroy();
      resolve({ status, message: messageOf(body) || response.statusMessage || 'refused' });
    };
    const timer = setTimeout(finish, timeoutMs);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      if (body.length < MAX_BODY_CHARS) body += chunk;
    });
    response.once('end', finish);
    response.once('error', finish);
  });
}

function messageOf(body: string): string {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data.error.message;
  } catch {
    // not JSON: use the text itself
  }
  return body.trim().replaceAll(/\s+/g, ' ').slice(0, 200);
}
