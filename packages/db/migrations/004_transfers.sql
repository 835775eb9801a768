-- Transfers between agents of one project, with per-file records.

create table transfers (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  source_agent_id uuid not null references agents on delete cascade,
  source_paths text[] not null,
  destination_agent_id uuid not null references agents on delete cascade,
  destination_dir text not null,
  overwrite text not null check (overwrite in ('skip_identical', 'overwrite', 'keep_both')),
  bandwidth_limit_bps bigint check (bandwidth_limit_bps > 0),
  priority int not null check (priority between 0 and 9),
  state text not null default 'queued'
    check (state in ('queued', 'running', 'verifying', 'paused', 'succeeded', 'failed', 'canceled')),
  state_reason text,
  attempts int not null default 0,
  max_attempts int not null check (max_attempts between 1 and 10),
  next_attempt_at timestamptz not null default now(),
  bytes_total bigint,
  bytes_done bigint not null default 0,
  files_total int,
  files_done int not null default 0,
  rate_bps double precision,
  stats jsonb,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  check (source_agent_id <> destination_agent_id),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index transfers_project_idx on transfers (project_id, created_at desc);
-- The dispatcher's queue: what may start next, by priority then age.
create index transfers_queue_idx on transfers (priority desc, created_at)
  where state = 'queued';
create index transfers_agents_idx on transfers (source_agent_id, state);

create table transfer_files (
  transfer_id uuid not null references transfers on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  path text not null,
  size bigint not null,
  sha256 text,
  status text not null check (status in ('pending', 'sending', 'done', 'skipped', 'failed')),
  error text,
  primary key (transfer_id, path)
);

alter table transfers enable row level security;
create policy transfers_read on transfers for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:read'))
      or project_id = any((select app.project_ids_with('transfers:read'))::uuid[])));
create policy transfers_insert on transfers for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:write'))
      or project_id = any((select app.project_ids_with('transfers:write'))::uuid[])));
create policy transfers_update on transfers for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:write'))
      or project_id = any((select app.project_ids_with('transfers:write'))::uuid[])));
grant select, insert, update (state, state_reason, attempts, next_attempt_at, updated_at, finished_at)
  on transfers to tcpa_app;

alter table transfer_files enable row level security;
create policy transfer_files_read on transfer_files for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:read'))
      or project_id = any((select app.project_ids_with('transfers:read'))::uuid[])));
grant select on transfer_files to tcpa_app;
