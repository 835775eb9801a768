-- Issue 18: a transfer's source or destination may be a storage location of its project (and a
-- prefix in it) instead of an agent. One side is always an agent: the runner, which moves the
-- bytes between its disk and the store (the source for uploads and agent-to-agent transfers, the
-- destination for downloads). The control plane keeps the location's keys and answers the
-- runner's cloud requests, so it also keeps the multipart uploads it began for the transfer.

-- A transfer names its location with its project, so a location of another project cannot be named.
alter table storage_locations add constraint storage_locations_id_project_key unique (id, project_id);

alter table transfers
  alter column source_agent_id drop not null,
  alter column source_paths drop not null,
  alter column destination_agent_id drop not null,
  alter column destination_dir drop not null,
  add column source_location_id uuid,
  add column source_prefix text check (length(source_prefix) <= 1000),
  add column destination_location_id uuid,
  add column destination_prefix text check (length(destination_prefix) <= 1000),
  -- `s3://bucket/prefix…` as it was when the transfer was made: what people see, also once the location is gone.
  add column store_label text check (length(store_label) between 1 and 2000),
  add column runner_agent_id uuid generated always as (coalesce(source_agent_id, destination_agent_id)) stored,
  -- A deleted location leaves its finished transfers (history) without it; an unfinished one
  -- refuses the deletion (see transfers_location_kept), and the API says which transfers first.
  add constraint transfers_source_location_fkey foreign key (source_location_id, project_id)
    references storage_locations (id, project_id) on delete set null (source_location_id),
  add constraint transfers_destination_location_fkey foreign key (destination_location_id, project_id)
    references storage_locations (id, project_id) on delete set null (destination_location_id),
  -- Each side is an agent with its paths (or directory), or a location with its prefix; the prefix
  -- stays when the location goes, so the side stays known.
  add constraint transfers_source_one check (
    (source_agent_id is not null and source_paths is not null and source_prefix is null and source_location_id is null)
    or (source_agent_id is null and source_paths is null and source_prefix is not null)),
  add constraint transfers_destination_one check (
    (destination_agent_id is not null and destination_dir is not null and destination_prefix is null
      and destination_location_id is null)
    or (destination_agent_id is null and destination_dir is null and destination_prefix is not null)),
  -- Bytes between two locations would need an agent to carry them: not a transfer of its own.
  add constraint transfers_one_location check (source_prefix is null or destination_prefix is null),
  add constraint transfers_store_label check ((store_label is null) = (source_prefix is null and destination_prefix is null)),
  add constraint transfers_location_kept check (
    state in ('succeeded', 'failed', 'canceled')
    or (source_prefix is null or source_location_id is not null)
      and (destination_prefix is null or destination_location_id is not null));

create index transfers_source_location_idx on transfers (source_location_id) where source_location_id is not null;
create index transfers_destination_location_idx on transfers (destination_location_id)
  where destination_location_id is not null;

-- The runner starts and runs a transfer: the queue and the running set are read per runner.
drop index transfers_source_queue_idx;
create index transfers_runner_queue_idx on transfers (runner_agent_id, priority desc, created_at)
  where state = 'queued';
drop index transfers_agents_idx;
create index transfers_agents_idx on transfers (runner_agent_id, state);
drop index transfers_running_idx;
create index transfers_running_idx on transfers (runner_agent_id, destination_agent_id)
  where state in ('running', 'verifying');

-- The multipart uploads the control plane began for a transfer, and the parts the runner said the
-- store took: a resumed runner gets the same upload back, and completion uses the stored parts.
-- Only the service path (a runner's cloud requests) reads or writes them: no grant to the app role.
create table cloud_uploads (
  id uuid primary key default gen_random_uuid(),
  transfer_id uuid not null references transfers on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  -- Relative to the transfer's place in the store, as the runner names it.
  key text not null check (length(key) between 1 and 1024),
  -- The whole object key the upload was begun at (the location's prefix may change later).
  object_key text not null check (length(object_key) between 1 and 3000),
  upload_id text not null check (length(upload_id) between 1 and 1024),
  size_bytes bigint not null check (size_bytes >= 0),
  sha256_hex text not null check (sha256_hex ~ '^[0-9a-f]{64}$'),
  part_size_bytes bigint not null check (part_size_bytes > 0),
  state text not null default 'open' check (state in ('open', 'completed', 'aborted')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create unique index cloud_uploads_open_key on cloud_uploads (transfer_id, key) where state = 'open';
create index cloud_uploads_transfer_idx on cloud_uploads (transfer_id, upload_id);

create table cloud_upload_parts (
  upload_id uuid not null references cloud_uploads on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  part_number int not null check (part_number between 1 and 10000),
  size_bytes bigint not null check (size_bytes > 0),
  etag text not null check (length(etag) between 1 and 200),
  sha256_base64 text not null check (length(sha256_base64) = 44),
  primary key (upload_id, part_number)
);

alter table cloud_uploads enable row level security;
alter table cloud_upload_parts enable row level security;

-- Events name the store for a side that is a location (an alert says "s3://bucket/prefix/", not "an agent").
create or replace function app.transfer_event() returns trigger
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform app.record_outbox_event(new.company_id, new.project_id,
    'transfer.' || case new.state when 'running' then 'started' else new.state end, new.id,
    jsonb_build_object('id', new.id, 'projectId', new.project_id, 'state', new.state, 'reason', new.state_reason,
      'sourceAgentId', new.source_agent_id, 'destinationAgentId', new.destination_agent_id,
      'storeLabel', new.store_label,
      'jobId', new.job_id, 'filesDone', new.files_done, 'filesTotal', new.files_total,
      'bytesDone', new.bytes_done, 'bytesTotal', new.bytes_total, 'attempts', new.attempts));
  return null;
end $$;
