import { CreateTransferBodySchema, type StorageLocation, type Transfer } from '@tcpa/contracts';
import { describe, expect, it } from 'vitest';
import { locationSideName, transferSideName } from '../src/transfers/transfer-side-name.ts';
import {
  EMPTY_TRANSFER_SIDES_FORM,
  type TransferSidesForm,
  TWO_LOCATIONS_REFUSED,
  transferSidesBody,
} from '../src/transfers/transfer-sides-form.ts';

const AGENT_A = '00000000-0000-4000-8000-00000000000a';
const AGENT_B = '00000000-0000-4000-8000-00000000000b';
const LOCATION = '00000000-0000-4000-8000-0000000000c1';

const agentSource = { sourceKind: 'agent', sourceAgentId: AGENT_A, sourcePaths: ' exports/2026 \n\nlogs\n' } as const;
const agentDestination = {
  destinationKind: 'agent',
  destinationAgentId: AGENT_B,
  destinationDir: ' incoming ',
} as const;
const form = (changes: Partial<TransferSidesForm>): TransferSidesForm => ({ ...EMPTY_TRANSFER_SIDES_FORM, ...changes });

/** The body as the form sends it, checked by the API's own schema. */
function sentBody(sides: TransferSidesForm) {
  const built = transferSidesBody(sides);
  if ('error' in built) throw new Error(built.error);
  const parsed = CreateTransferBodySchema.safeParse(built.body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return built.body;
}

describe('the sides of a new transfer as the form sends them', () => {
  it('sends agent to agent as before: paths one per line, the folder trimmed', () => {
    expect(sentBody(form({ ...agentSource, ...agentDestination }))).toEqual({
      sourceAgentId: AGENT_A,
      sourcePaths: ['exports/2026', 'logs'],
      destinationAgentId: AGENT_B,
      destinationDir: 'incoming',
    });
  });

  it('sends an agent’s files to a location, with a prefix or without one', () => {
    const toLocation = form({ ...agentSource, destinationKind: 'location', destinationLocationId: LOCATION });
    expect(sentBody({ ...toLocation, destinationPrefix: '  photos/2026/ ' })).toEqual({
      sourceAgentId: AGENT_A,
      sourcePaths: ['exports/2026', 'logs'],
      destinationLocationId: LOCATION,
      destinationPrefix: 'photos/2026/',
    });
    // A blank prefix is the location's own: left out, as the API's default.
    expect(sentBody({ ...toLocation, destinationPrefix: '   ' })).toEqual({
      sourceAgentId: AGENT_A,
      sourcePaths: ['exports/2026', 'logs'],
      destinationLocationId: LOCATION,
    });
  });

  it('sends a location’s objects to an agent, the agent fields of the other kind ignored', () => {
    const sides = form({
      ...agentDestination,
      sourceKind: 'location',
      sourceLocationId: LOCATION,
      sourcePrefix: 'db',
      // Typed before the kind changed: not sent.
      sourceAgentId: AGENT_A,
      sourcePaths: 'left/over',
    });
    expect(sentBody(sides)).toEqual({
      sourceLocationId: LOCATION,
      sourcePrefix: 'db',
      destinationAgentId: AGENT_B,
      destinationDir: 'incoming',
    });
  });

  it('says an agent must carry the bytes when both sides are locations, as the API refuses it', () => {
    const sides = form({
      sourceKind: 'location',
      sourceLocationId: LOCATION,
      destinationKind: 'location',
      destinationLocationId: LOCATION,
    });
    expect(transferSidesBody(sides)).toEqual({ error: TWO_LOCATIONS_REFUSED });
    expect(TWO_LOCATIONS_REFUSED).toContain('An agent must carry the bytes');
    const refused = CreateTransferBodySchema.safeParse({ sourceLocationId: LOCATION, destinationLocationId: LOCATION });
    expect(refused.success).toBe(false);
  });

  it('refuses a prefix the API would refuse, naming the side, before sending', () => {
    const toLocation = form({ ...agentSource, destinationKind: 'location', destinationLocationId: LOCATION });
    for (const prefix of ['/absolute', 'a/../b', '..', 'a//b', './a']) {
      const built = transferSidesBody({ ...toLocation, destinationPrefix: prefix });
      expect(built, prefix).toEqual({ error: expect.stringMatching(/^Destination prefix must be a key prefix/) });
      expect(
        CreateTransferBodySchema.safeParse({
          ...agentSource,
          destinationLocationId: LOCATION,
          destinationPrefix: prefix,
        }).success,
      ).toBe(false);
    }
    const fromLocation = form({ ...agentDestination, sourceKind: 'location', sourceLocationId: LOCATION });
    expect(transferSidesBody({ ...fromLocation, sourcePrefix: '../etc' })).toEqual({
      error: expect.stringMatching(/^Source prefix must be/),
    });
  });

  it('asks for what is missing on each side', () => {
    const missing = (changes: Partial<TransferSidesForm>) => {
      const built = transferSidesBody(form(changes));
      return 'error' in built ? built.error : 'sent';
    };
    expect(missing({ ...agentDestination })).toBe('Choose a source agent.');
    expect(missing({ ...agentSource, sourcePaths: ' \n ', ...agentDestination })).toBe(
      'Give at least one source path.',
    );
    expect(missing({ ...agentDestination, sourceKind: 'location' })).toBe('Choose a source storage location.');
    expect(missing({ ...agentSource })).toBe('Choose a destination agent.');
    expect(missing({ ...agentSource, ...agentDestination, destinationDir: ' ' })).toBe('Give a destination directory.');
    expect(missing({ ...agentSource, destinationKind: 'location' })).toBe('Choose a destination storage location.');
  });
});

const location: StorageLocation = {
  kind: 's3',
  id: LOCATION,
  projectId: '00000000-0000-4000-8000-000000000002',
  name: 'Backups',
  credentials: { mode: 'agent' },
  credentialsUpdatedAt: '2026-12-07T10:00:00.000Z',
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  bucket: 'backups',
  region: 'eu-west-1',
  endpoint: null,
  forcePathStyle: false,
  prefix: 'team/',
};

describe('a transfer’s sides as the list and the transfer page name them', () => {
  const upload = {
    sourceAgentId: AGENT_A,
    sourcePaths: ['exports'],
    sourceLocationId: null,
    sourcePrefix: null,
    destinationAgentId: null,
    destinationDir: null,
    destinationLocationId: LOCATION,
    destinationPrefix: 'photos/2026/',
    storeLabel: 's3://backups/team/photos/2026/',
  } as Transfer;
  const agents = [{ id: AGENT_A, name: 'edge-1' }];

  it('names a location side by the location’s name, kind and prefix', () => {
    expect(transferSideName(upload, 'source', agents, [location])).toBe('edge-1');
    expect(transferSideName(upload, 'destination', agents, [location])).toBe('Backups (S3) /photos/2026');
    expect(locationSideName({ name: 'Drops', kind: 'azure' }, null)).toBe('Drops (Azure)');
    expect(locationSideName({ name: 'Drops', kind: 'gcs' }, '')).toBe('Drops (GCS)');
  });

  it('falls back on the store’s label without the location (deleted, or no storage:read)', () => {
    expect(transferSideName(upload, 'destination', agents, undefined)).toBe('s3://backups/team/photos/2026/');
    const deleted = { ...upload, destinationLocationId: null };
    expect(transferSideName(deleted, 'destination', agents, [location])).toBe('s3://backups/team/photos/2026/');
  });
});
