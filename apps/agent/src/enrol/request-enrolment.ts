import { type EnrolBody, EnrolBodySchema, type EnrolResponse, EnrolResponseSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { describeError } from '../log.ts';

/** The server said no: `{error: {code, message}}` with a 4xx/5xx status. */
export class EnrolmentRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** No answer, or an answer that is not from the control plane. */
export class EnrolmentFailedError extends Error {}

// Looser than the contract's ErrorBodySchema on purpose: an older agent must still show the
// message of an error code added to the server after it was built.
const AnyErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function enrolUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/api/v1/agents/enrol`;
}

/** POSTs the enrolment; resolves with the server's 201 answer. */
export async function requestEnrolment(serverUrl: string, body: EnrolBody, timeoutMs = 30_000): Promise<EnrolResponse> {
  const url = enrolUrl(serverUrl);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(EnrolBodySchema.parse(body)),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    throw new EnrolmentFailedError(`Could not reach the server at ${url}: ${describeError(error)}`);
  }
  const json = parseJson(text);
  if (response.status === 201) {
    const parsed = EnrolResponseSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw new EnrolmentFailedError(
      `The server at ${url} accepted the enrolment but its answer is not one this agent understands (is --server the control plane, and is this agent up to date?)`,
    );
  }
  const error = AnyErrorBodySchema.safeParse(json);
  if (error.success) throw new EnrolmentRefusedError(response.status, error.data.error.code, error.data.error.message);
  const snippet = text.trim().replaceAll(/\s+/g, ' ').slice(0, 200);
  throw new EnrolmentRefusedError(
    response.status,
    null,
    `HTTP ${response.status} ${response.statusText} from ${url}${snippet ? `: ${snippet}` : ''}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
