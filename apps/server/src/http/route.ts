import type { Permission } from '@tcpa/contracts';
import type { TenantQueryable } from '@tcpa/db';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authenticate } from '../auth/authenticate.ts';
import { claimsOf, type Principal } from '../auth/principal.ts';
import { type AuditEntry, recordAudit } from '../features/audit/record-audit.ts';
import type { ServerDeps } from '../server-deps.ts';
import { AppError } from './app-error.ts';
import { type HttpExchange, httpExchangeOf } from './http-exchange.ts';
import { parseInput, readJsonBody } from './parse-input.ts';
import { type RequestMeta, requestMetaOf } from './request-meta.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route:
 * - public: anyone (sign-up, login); the handler works outside tenant scope.
 * - signed_in: any principal; row-level security decides which rows it sees. An API key
 *   needs `scope` when one is named.
 * - company: the principal holds `permission` company-wide.
 * - project: the principal holds `permission` on the project named by path parameter `param`
 *   (404 when it cannot even see the project, 403 when it can see but not act), and `alsoNeeds`
 *   there too when named (a route that does what another permission guards, e.g. queues a transfer).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in'; scope?: Permission }
  | { kind: 'company'; permission: Permission }
  | { kind: 'project'; permission: Permission; param: string; alsoNeeds?: Permission };

type AnyObject = z.ZodType<Record<string, unknown>>;
const NoInput = z.strictObject({});

interface BaseSpec<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType | null> {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** null: 204 No Content. */
  response: R;
  status?: 200 | 201 | 202;
  /** A status that depends on the answer (health: 503 while a dependency is down); `status` otherwise. */
  statusOf?(result: Output<R>): 200 | 503;
  /**
   * Shapes the answer once the handler and its transaction are done, with access to the exchange:
   * a session route moves the refresh token into a cookie when the caller asks for one.
   */
  deliver?(result: Output<R>, http: HttpExchange, deps: ServerDeps): Output<R>;
}

type Output<R> = R extends z.ZodType ? z.input<R> : undefined;

export interface PublicContext<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  meta: RequestMeta;
  deps: ServerDeps;
  http: HttpExchange;
}

export interface TenantContext<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>
  extends PublicContext<P, Q, B> {
  principal: Principal;
  /** The request's transaction, as tcpa_app with the caller's claims: RLS applies. */
  tx: TenantQueryable;
  audit(entry: AuditEntry): Promise<void>;
  /** Runs once the transaction has committed (realtime pushes, disconnects); never on rollback. */
  afterCommit(work: () => void): void;
}

export interface RouteDefinition {
  method: Method;
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  schemas: { params?: AnyObject; query?: AnyObject; body?: z.ZodType; response: z.ZodType | null };
  status: number;
  mount(app: Hono, deps: ServerDeps): void;
}

export function publicRoute<
  P extends AnyObject = typeof NoInput,
  Q extends AnyObject = typeof NoInput,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType | null = z.ZodType,
>(spec: BaseSpec<P, Q, B, R> & { handler(ctx: PublicContext<P, Q, B>): Promise<Output<R>> }): RouteDefinition {
  return defineRoute(spec, { kind: 'public' }, async (_c, deps, input) =>
    spec.handler({ ...input, deps } as PublicContext<P, Q, B>),
  );
}

/**
 * What a tenant handler returns when the answer needs slow work that must not hold the
 * transaction (waiting up to seconds for an agent): the work runs once the checks in the
 * transaction have committed. An open transaction holds a connection, and PGlite has one.
 */
export class AfterTransaction<T> {
  constructor(readonly work: () => Promise<T>) {}
}

export function tenantRoute<
  P extends AnyObject = typeof NoInput,
  Q extends AnyObject = typeof NoInput,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType | null = z.ZodType,
>(
  spec: BaseSpec<P, Q, B, R> & {
    access: Exclude<Access, { kind: 'public' }>;
    /**
     * The route changes who may see what (roles, members, project members, keys): once it
     * commits, every node's realtime hub checks the company's open connections again.
     */
    changesAccess?: boolean;
    handler(ctx: TenantContext<P, Q, B>): Promise<Output<R> | AfterTransaction<Output<R>>>;
  },
): RouteDefinition {
  return defineRoute(spec, spec.access, async (c, deps, input) => {
    const principal = await authenticate(c.req.header('authorization'), deps.database, deps.tokens);
    requireKeyScope(principal, spec.access);
    const committed: Array<() => void> = [];
    const result = await deps.database.withClaims(claimsOf(principal), async (tx) => {
      await checkAccess(tx, principal, spec.access, input.params);
      return spec.handler({
        ...(input as Pick<TenantContext<P, Q, B>, 'params' | 'query' | 'body' | 'meta' | 'http'>),
        deps,
        principal,
        tx,
        audit: (entry) => recordAudit(tx, principal, input.meta, entry),
        afterCommit: (work) => committed.push(work),
      });
    });
    for (const work of committed) work();
    if (spec.changesAccess) deps.bus.publish({ type: 'access_changed', companyId: principal.companyId });
    return result instanceof AfterTransaction ? result.work() : result;
  });
}

export interface SignedInContext<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>
  extends PublicContext<P, Q, B> {
  principal: Principal;
}

/**
 * A signed-in route that opens its own transactions (through `deps.database`) instead of running
 * inside one: for slow work that must not hold a transaction, such as password hashing. An open
 * transaction holds a connection, and PGlite has one: 16 parallel argon2 checks inside
 * transactions took another company's median request from 2 to 431 ms.
 */
export function signedInRoute<
  P extends AnyObject = typeof NoInput,
  Q extends AnyObject = typeof NoInput,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType | null = z.ZodType,
>(
  spec: BaseSpec<P, Q, B, R> & {
    access: { kind: 'signed_in'; scope?: Permission };
    handler(ctx: SignedInContext<P, Q, B>): Promise<Output<R>>;
  },
): RouteDefinition {
  return defineRoute(spec, spec.access, async (c, deps, input) => {
    const principal = await authenticate(c.req.header('authorization'), deps.database, deps.tokens);
    requireKeyScope(principal, spec.access);
    return spec.handler({ ...input, deps, principal } as SignedInContext<P, Q, B>);
  });
}

interface ParsedInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  meta: RequestMeta;
  http: HttpExchange;
}

function defineRoute(
  spec: BaseSpec<AnyObject, AnyObject, z.ZodType, z.ZodType | null>,
  access: Access,
  run: (c: Context, deps: ServerDeps, input: ParsedInput) => Promise<unknown>,
): RouteDefinition {
  const status = spec.response === null ? 204 : (spec.status ?? 200);
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    access,
    status,
    schemas: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response: spec.response,
    },
    mount(app, deps) {
      app.on(spec.method.toUpperCase(), spec.path, async (c) => {
        const input: ParsedInput = {
          params: parseInput(spec.params ?? NoInput, c.req.param(), 'path'),
          query: parseInput(spec.query ?? NoInput, c.req.query(), 'query'),
          body: spec.body ? parseInput(spec.body, await readJsonBody(c), 'body') : undefined,
          meta: requestMetaOf(c, deps.config.TRUST_PROXY_HOPS),
          http: httpExchangeOf(c),
        };
        const handled = await run(c, deps, input);
        const result = spec.deliver ? spec.deliver(handled as never, input.http, deps) : handled;
        if (spec.response === null) return c.body(null, 204);
        const answered = spec.statusOf?.(result as never) ?? status;
        return c.json(spec.response.parse(result) as object, answered as 200);
      });
    },
  };
}

function requireKeyScope(principal: Principal, access: Exclude<Access, { kind: 'public' }>) {
  if (principal.kind !== 'api_key') return;
  const needed = access.kind === 'signed_in' ? [access.scope] : [access.permission];
  if (access.kind === 'project') needed.push(access.alsoNeeds);
  for (const scope of needed) {
    if (scope && !principal.scopes.includes(scope)) {
      throw new AppError('forbidden', `This API key lacks the scope "${scope}": create a key that has it`, {
        missingScope: scope,
      });
    }
  }
}

async function checkAccess(
  tx: TenantQueryable,
  principal: Principal,
  access: Exclude<Access, { kind: 'public' }>,
  params: Record<string, unknown>,
) {
  if (access.kind === 'signed_in') return;
  if (access.kind === 'company') {
    const [row] = await tx.query<{ allowed: boolean }>('select app.has_permission($1) as allowed', [access.permission]);
    if (!row?.allowed) throw forbidden(principal, access.permission);
    return;
  }
  const projectId = params[access.param];
  const [row] = await tx.query<{ allowed: boolean; also: boolean; visible: boolean }>(
    `select $1::uuid = any(app.project_ids_with($2)) as allowed,
            $3::text is null or $1::uuid = any(app.project_ids_with($3)) as also,
            $1::uuid = any(app.project_ids_with('projects:read')) as visible`,
    [projectId, access.permission, access.alsoNeeds ?? null],
  );
  if (row?.allowed && row.also) return;
  if (row?.visible) throw forbidden(principal, row.allowed && access.alsoNeeds ? access.alsoNeeds : access.permission);
  throw new AppError('not_found', 'Project not found');
}

function forbidden(principal: Principal, permission: Permission) {
  const who = principal.kind === 'api_key' ? "This API key's owner" : 'Your role';
  return new AppError('forbidden', `${who} does not have the permission "${permission}"`, {
    missingPermission: permission,
  });
}

/**
 * A permission a route needs only for some bodies (a transfer naming a storage location also
 * needs storage:read), checked in the handler as `access` would: the key's scope, then the role's.
 */
export async function requireProjectPermission(
  ctx: { tx: TenantQueryable; principal: Principal },
  projectId: string,
  permission: Permission,
) {
  const access = { kind: 'project', permission, param: 'projectId' } as const;
  requireKeyScope(ctx.principal, access);
  await checkAccess(ctx.tx, ctx.principal, access, { projectId });
}
