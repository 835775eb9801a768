export { ApiError } from '@tcpa/api-client';
export { type ApiFetch, createMcpApi } from './api/api-client.ts';
export { explainApiError } from './api/api-error.ts';
export { runMcpCommand } from './cli/run-mcp-command.ts';
export { allTools, createMcpServer } from './create-mcp-server.ts';
export { McpHttpEndpoint, type McpHttpEndpointOptions } from './http/mcp-http-endpoint.ts';
