import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ApiError, dataOf } from '@tcpa/api-client';
import { type ApiFetch, createMcpApi } from '../api/api-client.ts';
import { createMcpServer } from '../create-mcp-server.ts';
import { type McpSessionLimits, McpSessionTable } from './mcp-session-table.ts';

const API_KEY_PREFIX = 'tcpa_';

interface Session {
  keyHash: Buffer;
  keyId: string;
  companyId: string;
  transport: WebStandardStreamableHTTPServerTransport;
  mcp: McpServer;
  /** The host's way to reach the API for the request being handled (it carries that request's client address). */
  fetch: ApiFetch;
  lastUsed: number;
}

export interface McpHttpEndpointOptions {
  /** Base URL the in-process API requests are addressed to (the host routes them itself). */
  apiBaseUrl: string;
  version: string;
  maxBodyBytes: number;
  idleTimeoutMs?: number;
  limits?: Partial<McpSessionLimits>;
}

const DEFAULT_LIMITS: McpSessionLimits = { maxSessions: 1000, maxSessionsPerKey: 10, maxSessionsPerCompany: 50 };

function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const hashKey = (key: string) => createHash('sha256').update(key).digest();

/**
 * Streamable HTTP for the MCP server, authenticated with an API key as a Bearer token.
 * Sessions are kept in memory (elicitation needs the client's answer to reach the same server
 * instance); each is bound to the key that opened it, and every request must present that key.
 * Sessions are capped per key, per company and per node; a new one evicts the least recently
 * used (which then gets 404, as the MCP spec says of an expired session) instead of a refusal.
 */
export class McpHttpEndpoint {
  private readonly sessions: McpSessionTable<Session>;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: McpHttpEndpointOptions) {
    this.sessions = new McpSessionTable({ ...DEFAULT_LIMITS, ...options.limits });
  }

  get sessionCount() {
    return this.sessions.size;
  }

  async handle(request: Request, apiFetch: ApiFetch): Promise<Response> {
    const key = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    if (!key?.startsWith(API_KEY_PREFIX)) {
      return jsonError(
        401,
        'unauthorized',
        'Send an API key as "Authorization: Bearer tcpa_…" (create one in the dashboard under API keys)',
        { 'www-authenticate': 'Bearer realm="tcpa-mcp"' },
      );
    }
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId) {
      const session = this.sessions.get(sessionId);
      if (!session) return jsonError(404, 'not_found', 'Unknown or expired MCP session: initialize a new one');
      if (!timingSafeEqual(session.keyHash, hashKey(key))) {
        return jsonError(403, 'forbidden', 'This MCP session was opened with another API key');
      }
      session.fetch = apiFetch;
      session.lastUsed = Date.now();
      this.sessions.touch(sessionId);
      return session.transport.handleRequest(request);
    }
    if (request.method !== 'POST') {
      return jsonError(400, 'bad_request', 'Start an MCP session with a POST of "initialize" first');
    }
    return this.openSession(request, key, apiFetch);
  }

  private async openSession(request: Request, key: string, apiFetch: ApiFetch): Promise<Response> {
    const session = { keyHash: hashKey(key), fetch: apiFetch, lastUsed: Date.now() } as Session;
    const api = createMcpApi({
      baseUrl: this.options.apiBaseUrl,
      apiKey: key,
      fetch: (apiRequest) => session.fetch(apiRequest),
      userAgent: 'tcpa-mcp (Streamable HTTP)',
    });
    try {
      const me = await dataOf(api.GET('/api/v1/me'));
      session.keyId = me.apiKeyId ?? session.keyHash.toString('hex');
      session.companyId = me.company.id;
    } catch (error) {
      if (error instanceof ApiError && error.status > 0 && error.status < 500) {
        return jsonError(error.status, error.code, error.message, { 'www-authenticate': 'Bearer realm="tcpa-mcp"' });
      }
      throw error;
    }
    session.transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxBodyBytes,
      onsessioninitialized: (id) => {
        session.lastUsed = Date.now();
        for (const evicted of this.sessions.add(id, session)) void this.closeSession(evicted);
        this.startSweeping();
      },
      onsessionclosed: (id) => {
        this.sessions.delete(id);
      },
    });
    session.mcp = createMcpServer({ api, version: this.options.version });
    await session.mcp.connect(session.transport);
    const response = await session.transport.handleRequest(request);
    if (!session.transport.sessionId) await session.mcp.close(); // not an initialize: nothing to keep
    return response;
  }

  private startSweeping() {
    if (this.sweeper) return;
    const idle = this.options.idleTimeoutMs ?? 30 * 60_000;
    this.sweeper = setInterval(
      () => {
        const idleSessions = this.sessions.removeIdle((session) => session.lastUsed, Date.now() - idle);
        for (const session of idleSessions) void this.closeSession(session);
        if (this.sessions.size === 0) this.stopSweeping();
      },
      Math.min(idle, 60_000),
    );
    this.sweeper.unref();
  }

  private stopSweeping() {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Ends the session's streams and its server; the table no longer holds it. */
  private async closeSession(session: Session) {
    await session.mcp.close().catch(() => undefined);
  }
}
