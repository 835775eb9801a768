-- Issue 18, first slice: storage locations, the buckets and containers (S3 and S3-compatible
-- stores, Azure Blob, Google Cloud Storage) a project's transfers will read from and write to.
-- The non-secret fields are plain JSON; the credentials are sealed by the server's secret key
-- (AES-256-GCM, the row as associated data), and the app role may write them but never read them.

-- Permissions as data: whoever administers a project manages its locations; operators, who run
-- transfers, pick from them; viewers do not see them (their names and buckets say where data goes).
-- A company member has nothing company-wide, as for transfers.
update roles set permissions = permissions || '{storage:read,storage:write}'
  where company_id is null and ((scope = 'company' and key in ('owner', 'admin'))
    or (scope = 'project' and key = 'admin'));
update roles set permissions = permissions || '{storage:read}'
  where company_id is null and scope = 'project' and key = 'operator';

create table storage_locations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  kind text not null check (kind in ('s3', 'azure', 'gcs')),
  -- bucket, region, endpoint, prefix… (the shape of the kind, checked by the API).
  settings jsonb not null check (jsonb_typeof(settings) = 'object' and length(settings::text) <= 4000),
  -- How it signs in and the identifiers that are not secret (an access key id, a service
  -- account's email), shown back to people.
  credentials_shown jsonb not null check (jsonb_typeof(credentials_shown) = 'object' and credentials_shown ? 'mode'
    and length(credentials_shown::text) <= 1000),
  -- The secret part, sealed; null when the agent's own instance credentials are used.
  credentials text check (length(credentials) <= 200000),
  credentials_updated_at timestamptz not null default now(),
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, company_id),
  check ((credentials is null) = (credentials_shown ->> 'mode' = 'agent')),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create unique index storage_locations_project_name_key on storage_locations (project_id, lower(name));

alter table storage_locations enable row level security;
create policy storage_locations_read on storage_locations for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('storage:read'))
      or project_id = any((select app.project_ids_with('storage:read'))::uuid[])));
create policy storage_locations_insert on storage_locations for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('storage:write'))
      or project_id = any((select app.project_ids_with('storage:write'))::uuid[])));
create policy storage_locations_update on storage_locations for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('storage:write'))
      or project_id = any((select app.project_ids_with('storage:write'))::uuid[])));
create policy storage_locations_delete on storage_locations for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('storage:write'))
      or project_id = any((select app.project_ids_with('storage:write'))::uuid[])));
grant select (id, company_id, project_id, name, kind, settings, credentials_shown, credentials_updated_at,
  created_by, created_at, updated_at), insert, delete on storage_locations to tcpa_app;
grant update (name, settings, credentials_shown, credentials, credentials_updated_at, updated_at)
  on storage_locations to tcpa_app;
