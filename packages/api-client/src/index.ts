export { ApiError, type ApiErrorCode, apiErrorFrom } from './api-error.ts';
export type { paths as ApiPaths } from './api-paths.ts';
export {
  createPlatformClient,
  dataOf,
  type PlatformClient,
  type PlatformClientOptions,
  type RequestBodyOf,
} from './create-api-client.ts';
