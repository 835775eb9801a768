-- Issue 18: a job's source or destination may be a storage location of its project (and a prefix
-- in it), as a transfer's may (migration 027): each run's transfer takes the job's sides.
alter table jobs
  alter column source_agent_id drop not null,
  alter column source_paths drop not null,
  alter column destination_agent_id drop not null,
  alter column destination_dir drop not null,
  add column source_location_id uuid,
  add column source_prefix text check (length(source_prefix) <= 1000),
  add column destination_location_id uuid,
  add column destination_prefix text check (length(destination_prefix) <= 1000),
  -- A job runs again and again: a location it names cannot go (the API says which jobs first).
  add constraint jobs_source_location_fkey foreign key (source_location_id, project_id)
    references storage_locations (id, project_id),
  add constraint jobs_destination_location_fkey foreign key (destination_location_id, project_id)
    references storage_locations (id, project_id),
  add constraint jobs_source_one check (
    (source_agent_id is not null and source_paths is not null and source_location_id is null and source_prefix is null)
    or (source_agent_id is null and source_paths is null and source_location_id is not null
      and source_prefix is not null)),
  add constraint jobs_destination_one check (
    (destination_agent_id is not null and destination_dir is not null and destination_location_id is null
      and destination_prefix is null)
    or (destination_agent_id is null and destination_dir is null and destination_location_id is not null
      and destination_prefix is not null)),
  -- One side is an agent: it moves the bytes.
  add constraint jobs_one_location check (source_location_id is null or destination_location_id is null);

create index jobs_source_location_idx on jobs (source_location_id) where source_location_id is not null;
create index jobs_destination_location_idx on jobs (destination_location_id)
  where destination_location_id is not null;

grant update (source_location_id, source_prefix, destination_location_id, destination_prefix) on jobs to tcpa_app;
