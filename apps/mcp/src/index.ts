export { ApiClient, type ApiFetch } from './api/api-client.ts';
export { ApiError, explainApiError } from './api/api-error.ts';
export { runMcpCommand } from './cli/run-mcp-command.ts';
export { allTools, createMcpServer } from './create-mcp-server.ts';
export { McpHttpEndpoint, type McpHttpEndpointOptions } from './http/mcp-http-endpoint.ts';
