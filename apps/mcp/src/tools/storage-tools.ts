import { dataOf } from '@tcpa/api-client';
import { IdSchema, StorageLocationListSchema, storeLabelOf } from '@tcpa/contracts';
import { z } from 'zod';
import { type AnyToolSpec, defineTool } from './tool-kit.ts';

const ProjectId = IdSchema.describe('the project id (from list_projects)');

const listStorageLocations = defineTool({
  name: 'list_storage_locations',
  title: 'List storage locations',
  description:
    "Lists a project's storage locations (S3 and S3-compatible, Azure Blob, Google Cloud Storage buckets) by name, with where their objects are: the ids create_transfer and create_job take as sourceLocationId or destinationLocationId. Credentials are never shown, only how the location signs in.",
  scopes: ['storage:read'],
  input: z.strictObject({ projectId: ProjectId }),
  output: StorageLocationListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId }, { api }) {
    const { locations } = await dataOf(
      api.GET('/api/v1/projects/{projectId}/storage-locations', { params: { path: { projectId } } }),
    );
    const lines = locations.map(
      (location) =>
        `- ${location.id} "${location.name}": ${storeLabelOf(location, '')} (signs in with ${location.credentials.mode})`,
    );
    return {
      structured: { locations },
      text: locations.length === 0 ? 'No storage locations.' : `${locations.length} location(s):\n${lines.join('\n')}`,
    };
  },
});

export const storageTools: AnyToolSpec[] = [listStorageLocations];
