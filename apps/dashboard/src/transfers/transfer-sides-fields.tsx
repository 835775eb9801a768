import type { StorageLocation } from '@tcpa/contracts';
import { DestinationAgentFields, SourceAgentFields } from '../files/route-fields.tsx';
import type { RouteForm } from '../files/route-form.ts';
import { KIND_SHORT_NAMES } from '../storage/describe-location.ts';
import { type SideKind, type TransferSidesForm, TWO_LOCATIONS_REFUSED } from './transfer-sides-form.ts';

type AgentChoice = { id: string; name: string; online: boolean };

/**
 * Source and destination of a new transfer: each an agent's files or, for people who may read the
 * project's storage (`locations` given), a storage location and a prefix in it.
 */
export function TransferSidesFields(props: {
  projectId: string;
  agents: readonly AgentChoice[];
  /** Undefined: the person may not read storage, and both sides are agents. */
  locations: readonly StorageLocation[] | undefined;
  value: TransferSidesForm;
  onChange: (value: TransferSidesForm) => void;
}) {
  const { value, onChange, locations } = props;
  const routeProps = {
    projectId: props.projectId,
    agents: props.agents,
    value,
    onChange: (route: RouteForm) => onChange({ ...value, ...route }),
  };
  if (!locations) {
    return (
      <>
        <SourceAgentFields {...routeProps} />
        <DestinationAgentFields {...routeProps} />
      </>
    );
  }
  const bothLocations = value.sourceKind === 'location' && value.destinationKind === 'location';
  return (
    <>
      <fieldset className="form-wide form-grid">
        <legend>Source</legend>
        <SideKindSelect
          label="Send from"
          value={value.sourceKind}
          onChange={(sourceKind) => onChange({ ...value, sourceKind })}
        />
        {value.sourceKind === 'agent' ? (
          <SourceAgentFields {...routeProps} />
        ) : (
          <LocationFields
            side="Source"
            locations={locations}
            locationId={value.sourceLocationId}
            prefix={value.sourcePrefix}
            prefixHint="only the objects under it are sent; blank: all of the location's"
            onChange={(sourceLocationId, sourcePrefix) => onChange({ ...value, sourceLocationId, sourcePrefix })}
          />
        )}
      </fieldset>
      <fieldset className="form-wide form-grid">
        <legend>Destination</legend>
        <SideKindSelect
          label="Send to"
          value={value.destinationKind}
          onChange={(destinationKind) => onChange({ ...value, destinationKind })}
        />
        {value.destinationKind === 'agent' ? (
          <DestinationAgentFields {...routeProps} />
        ) : (
          <LocationFields
            side="Destination"
            locations={locations}
            locationId={value.destinationLocationId}
            prefix={value.destinationPrefix}
            prefixHint="the files go under it; blank: the location's own prefix"
            onChange={(destinationLocationId, destinationPrefix) =>
              onChange({ ...value, destinationLocationId, destinationPrefix })
            }
          />
        )}
      </fieldset>
      {bothLocations && (
        <p className="notice form-wide" role="status">
          {TWO_LOCATIONS_REFUSED}
        </p>
      )}
    </>
  );
}

function SideKindSelect(props: { label: string; value: SideKind; onChange: (kind: SideKind) => void }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as SideKind)}>
        <option value="agent">An agent</option>
        <option value="location">A storage location</option>
      </select>
    </label>
  );
}

function LocationFields(props: {
  side: 'Source' | 'Destination';
  locations: readonly StorageLocation[];
  locationId: string;
  prefix: string;
  prefixHint: string;
  onChange: (locationId: string, prefix: string) => void;
}) {
  const { side, locations } = props;
  return (
    <>
      <label>
        {side} location
        <select value={props.locationId} onChange={(e) => props.onChange(e.target.value, props.prefix)}>
          <option value="">{locations.length === 0 ? 'No storage locations in this project' : 'Choose…'}</option>
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.name} ({KIND_SHORT_NAMES[location.kind]})
            </option>
          ))}
        </select>
      </label>
      <label>
        {side} prefix <span className="hint">(optional: {props.prefixHint})</span>
        <input
          value={props.prefix}
          onChange={(e) => props.onChange(props.locationId, e.target.value)}
          placeholder="photos/2026"
        />
      </label>
    </>
  );
}
