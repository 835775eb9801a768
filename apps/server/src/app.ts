import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { mountStripeWebhook } from './features/billing/stripe-webhook.ts';
import { mountAgentDistribution } from './http/agent-distribution.ts';
import { mountApiDocs } from './http/api-docs.ts';
import { AppError } from './http/app-error.ts';
import { mountDashboard } from './http/dashboard-static.ts';
import { errorResponse, toAppError } from './http/error-handler.ts';
import { mountMcp } from './http/mcp-endpoint.ts';
import { buildOpenApiDocument } from './http/openapi.ts';
import { noStore, securityHeaders } from './http/security-headers.ts';
import { allRoutes } from './routes.ts';
import type { ServerDeps } from './server-deps.ts';

export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use(requestId({ headerName: 'x-request-id' }));
  app.use(securityHeaders());
  app.use('/api/*', noStore());
  app.use('/mcp', noStore());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          new AppError('payload_too_large', `The request body is larger than ${deps.config.MAX_BODY_BYTES} bytes`),
        ),
    }),
  );

  for (const route of allRoutes) route.mount(app, deps);
  mountStripeWebhook(app, deps);

  const openApi = buildOpenApiDocument(allRoutes, deps.version);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  mountApiDocs(app);
  mountAgentDistribution(app, deps);
  mountMcp(app, deps);
  app.get('/.well-known/jwks.json', (c) => c.json(deps.tokens.jwks()));
  mountDashboard(app);

  app.notFound((c) => errorResponse(c, new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError) return errorResponse(c, appError);
    deps.log.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
    return errorResponse(
      c,
      new AppError(
        'internal',
        `Something went wrong on our side; quote request id ${c.get('requestId')} if it persists`,
      ),
    );
  });
  return app;
}
