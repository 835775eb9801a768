import createClient, { type Client } from 'openapi-fetch';
import { ApiError, apiErrorFrom } from './api-error.ts';
import type { paths } from './api-paths.ts';

export type PlatformClient = Client<paths>;

export interface PlatformClientOptions {
  /** Base of the platform, e.g. `https://tcpa.example.com`; '' for the page's own origin. */
  baseUrl: string;
  /** Sends one request: `fetch`, a wrapper that signs requests in, or the control plane's app in process. */
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
}

/**
 * The platform's REST API with its paths, parameters, bodies and answers typed from the server's
 * own OpenAPI document: a misspelt path or a wrong body is a compile error. Read answers with
 * `dataOf`, which turns an error answer into an ApiError.
 */
export function createPlatformClient({ baseUrl, fetch: send, headers }: PlatformClientOptions): PlatformClient {
  const base = baseUrl.replace(/\/+$/, '');
  const sendRequest = send ?? ((request: Request) => fetch(request));
  return createClient<paths>({
    baseUrl: base,
    ...(headers ? { headers } : {}),
    async fetch(request: Request) {
      try {
        return await sendRequest(request);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError(
          0,
          'unreachable',
          `Cannot reach the platform at ${base || 'this address'}: ${(error as Error).message}. Check the server URL and that it is running.`,
        );
      }
    },
  });
}

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError with the server's words (`unreachable` when no answer came). */
export async function dataOf<A extends Answer>(pending: Promise<A>): Promise<Exclude<A['data'], undefined>> {
  const answer = await pending;
  if (answer.error !== undefined || !answer.response.ok) throw apiErrorFrom(answer.response, answer.error);
  return answer.data as Exclude<A['data'], undefined>;
}

/** The JSON body an endpoint takes, e.g. `RequestBodyOf<'/api/v1/projects', 'post'>`. */
export type RequestBodyOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
