import { randomUUID } from 'node:crypto';
import {
  CreateStorageLocationBodySchema,
  IdSchema,
  MAX_STORAGE_LOCATIONS_PER_PROJECT,
  StorageConnectionTestBodySchema,
  StorageConnectionTestSchema,
  StorageLocationListSchema,
  StorageLocationSchema,
  UpdateStorageLocationBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { AfterTransaction, tenantRoute } from '../../http/route.ts';
import { getAgentRow } from '../agents/agents.sql.ts';
import { refuseDeletingLocationInUse, refuseLocationInUse } from '../cloud-transfers/locations-in-use.ts';
import { sealCredentials, shownCredentials } from './storage-credentials.ts';
import {
  countLocationsLocked,
  deleteLocation,
  getLocation,
  insertLocation,
  listLocations,
  updateLocation,
} from './storage-locations.sql.ts';
import { testStorageConnection } from './test-storage-connection.ts';

const tags = ['storage'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const LocationParams = z.strictObject({ projectId: IdSchema, locationId: IdSchema });
const read = { kind: 'project', permission: 'storage:read', param: 'projectId' } as const;
const write = { kind: 'project', permission: 'storage:write', param: 'projectId' } as const;

/** The fields given, without those left out (undefined); null stays: it clears a field. */
const given = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

export const storageLocationRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/storage-locations',
    summary: `List a project's storage locations by name (${MAX_STORAGE_LOCATIONS_PER_PROJECT} at most; never their secrets)`,
    tags,
    access: read,
    params: ProjectParams,
    response: StorageLocationListSchema,
    handler: async ({ tx, params }) => ({ locations: await listLocations(tx, params.projectId) }),
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/storage-locations/:locationId',
    summary: 'Get a storage location: its bucket or container, and how it signs in (never the secret)',
    tags,
    access: read,
    params: LocationParams,
    response: StorageLocationSchema,
    async handler({ tx, params }) {
      const location = await getLocation(tx, params.projectId, params.locationId);
      if (!location) throw notFound('Storage location');
      return location;
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/storage-locations',
    summary:
      'Add a storage location: an S3 (or S3-compatible) bucket, an Azure Blob container or a GCS bucket, with its credentials (encrypted at rest, never shown again)',
    tags,
    access: write,
    params: ProjectParams,
    body: CreateStorageLocationBodySchema,
    response: StorageLocationSchema,
    status: 201,
    async handler({ tx, params, body, deps, audit }) {
      if ((await countLocationsLocked(tx, params.projectId)) >= MAX_STORAGE_LOCATIONS_PER_PROJECT) {
        throw new AppError(
          'conflict',
          `This project already has ${MAX_STORAGE_LOCATIONS_PER_PROJECT} storage locations, the most a project may have: remove one it no longer uses, or use another project`,
          { limit: MAX_STORAGE_LOCATIONS_PER_PROJECT },
        );
      }
      const { kind, name, credentials, ...settings } = body;
      const id = randomUUID();
      const shown = shownCredentials(credentials);
      const location = await insertLocation(tx, {
        id,
        projectId: params.projectId,
        name,
        kind,
        settings: kind === 'gcs' ? settings : { endpoint: null, ...given(settings) },
        credentialsShown: shown,
        credentialsSealed: sealCredentials(deps.secretBox, id, credentials),
      });
      await audit({
        action: 'storage_location.created',
        targetType: 'storage_location',
        targetId: id,
        details: { projectId: params.projectId, name, kind, ...settings, credentials: shown },
      });
      return location;
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/projects/:projectId/storage-locations/:locationId',
    summary:
      "Change a storage location's name, bucket or container, prefix or endpoint, or replace its credentials (left out, they are kept); `kind` names the location's kind, which cannot change",
    tags,
    access: write,
    params: LocationParams,
    body: UpdateStorageLocationBodySchema,
    response: StorageLocationSchema,
    async handler({ tx, params, body, deps, audit }) {
      const current = await getLocation(tx, params.projectId, params.locationId);
      if (!current) throw notFound('Storage location');
      if (body.kind !== current.kind) {
        throw new AppError(
          'validation_failed',
          `kind: this location is ${current.kind}, and a location cannot change kind: add a new ${body.kind} location instead`,
          { field: 'kind' },
        );
      }
      const { kind: _kind, name, credentials, ...settings } = body;
      const replaced = credentials && {
        shown: shownCredentials(credentials),
        sealed: sealCredentials(deps.secretBox, params.locationId, credentials),
      };
      const location = await updateLocation(tx, params.projectId, params.locationId, {
        name,
        settings: given(settings),
        credentials: replaced,
      });
      if (!location) throw notFound('Storage location');
      await audit({
        action: 'storage_location.updated',
        targetType: 'storage_location',
        targetId: location.id,
        details: given({ projectId: params.projectId, name, ...settings, credentials: replaced?.shown }),
      });
      return location;
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/storage-locations/:locationId',
    summary: 'Remove a storage location and its credentials (the bucket and its objects are not touched)',
    tags,
    access: write,
    params: LocationParams,
    response: null,
    async handler({ tx, params, audit }) {
      await refuseDeletingLocationInUse(tx, params.projectId, params.locationId);
      const location = await deleteLocation(tx, params.projectId, params.locationId).catch(refuseLocationInUse);
      if (!location) throw notFound('Storage location');
      await audit({
        action: 'storage_location.deleted',
        targetType: 'storage_location',
        targetId: params.locationId,
        details: { projectId: params.projectId, name: location.name, kind: location.kind },
      });
      return undefined;
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/storage-locations/:locationId/test',
    summary:
      'Test connection: the control plane lists the location with its credentials, then the named agent (online, in the project) uploads a small object through a short-lived request and reads it back; each step says what failed. 409 when the agent is offline',
    tags,
    access: write,
    params: LocationParams,
    body: StorageConnectionTestBodySchema,
    response: StorageConnectionTestSchema,
    async handler({ tx, params, body, deps }) {
      const location = await getLocation(tx, params.projectId, params.locationId);
      if (!location) throw notFound('Storage location');
      const agent = await getAgentRow(tx, params.projectId, body.agentId);
      if (!agent) throw notFound('Agent');
      if (agent.status !== 'active') {
        throw new AppError(
          'conflict',
          `Agent "${agent.name}" is ${agent.status}: only an approved agent can test a location`,
          {
            reason: 'agent_not_active',
          },
        );
      }
      return new AfterTransaction(() =>
        testStorageConnection(deps, params.projectId, location.id, { id: agent.id, name: agent.name }),
      );
    },
  }),
];
