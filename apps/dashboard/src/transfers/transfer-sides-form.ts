import { type TransferEndpoints, TransferPrefixSchema } from '@tcpa/contracts';
import { EMPTY_ROUTE_FORM, pathLines, type RouteForm } from '../files/route-form.ts';

/** What one side of a transfer is: an agent's files, or a storage location of the project. */
export type SideKind = 'agent' | 'location';

/** The New transfer form's two sides: the agent fields of a job's route, or a location and a prefix in it. */
export interface TransferSidesForm extends RouteForm {
  sourceKind: SideKind;
  sourceLocationId: string;
  sourcePrefix: string;
  destinationKind: SideKind;
  destinationLocationId: string;
  destinationPrefix: string;
}

export const EMPTY_TRANSFER_SIDES_FORM: TransferSidesForm = {
  ...EMPTY_ROUTE_FORM,
  sourceKind: 'agent',
  sourceLocationId: '',
  sourcePrefix: '',
  destinationKind: 'agent',
  destinationLocationId: '',
  destinationPrefix: '',
};

export const TWO_LOCATIONS_REFUSED =
  'An agent must carry the bytes: a transfer cannot go from one storage location to another. Send from the location to an agent, then from the agent to the other location.';

/** A prefix as typed: blank is the location's own prefix (left out); otherwise the API's rules, said before sending. */
function prefixOf(typed: string, side: 'Source' | 'Destination'): { prefix?: string } | { error: string } {
  const prefix = typed.trim();
  if (prefix === '') return {};
  const checked = TransferPrefixSchema.safeParse(prefix);
  if (!checked.success) return { error: `${side} prefix ${checked.error.issues[0]?.message ?? 'is not valid'}` };
  return { prefix };
}

function sourceOf(form: TransferSidesForm): TransferEndpoints | { error: string } {
  if (form.sourceKind === 'agent') {
    const sourcePaths = pathLines(form.sourcePaths);
    if (!form.sourceAgentId) return { error: 'Choose a source agent.' };
    if (sourcePaths.length === 0) return { error: 'Give at least one source path.' };
    return { sourceAgentId: form.sourceAgentId, sourcePaths };
  }
  if (!form.sourceLocationId) return { error: 'Choose a source storage location.' };
  const typed = prefixOf(form.sourcePrefix, 'Source');
  if ('error' in typed) return typed;
  return { sourceLocationId: form.sourceLocationId, ...(typed.prefix ? { sourcePrefix: typed.prefix } : {}) };
}

function destinationOf(form: TransferSidesForm): TransferEndpoints | { error: string } {
  if (form.destinationKind === 'agent') {
    const destinationDir = form.destinationDir.trim();
    if (!form.destinationAgentId) return { error: 'Choose a destination agent.' };
    if (destinationDir === '') return { error: 'Give a destination directory.' };
    return { destinationAgentId: form.destinationAgentId, destinationDir };
  }
  if (!form.destinationLocationId) return { error: 'Choose a destination storage location.' };
  const typed = prefixOf(form.destinationPrefix, 'Destination');
  if ('error' in typed) return typed;
  return {
    destinationLocationId: form.destinationLocationId,
    ...(typed.prefix ? { destinationPrefix: typed.prefix } : {}),
  };
}

/** The two sides of a transfer's body from the form, or what a person must fix first. */
export function transferSidesBody(form: TransferSidesForm): { body: TransferEndpoints } | { error: string } {
  if (form.sourceKind === 'location' && form.destinationKind === 'location') return { error: TWO_LOCATIONS_REFUSED };
  const source = sourceOf(form);
  if ('error' in source) return source;
  const destination = destinationOf(form);
  if ('error' in destination) return destination;
  return { body: { ...source, ...destination } };
}
