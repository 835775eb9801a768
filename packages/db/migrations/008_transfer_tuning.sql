-- The adaptive tuner: its decisions per transfer attempt, and per path (source agent →
-- destination agent) the setting that worked last, which the next transfer starts from.
-- Both are written by the control plane as a service from agent reports; people only read them.

create table transfer_decisions (
  transfer_id uuid not null references transfers on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  attempt int not null,
  seq int not null,
  at timestamptz not null,
  from_streams int not null,
  from_chunk_size int not null,
  to_streams int not null,
  to_chunk_size int not null,
  throughput_bps double precision not null,
  baseline_bps double precision,
  rtt_ms double precision,
  loss_rate double precision,
  reason text not null,
  primary key (transfer_id, attempt, seq)
);

alter table transfer_decisions enable row level security;
create policy transfer_decisions_read on transfer_decisions for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:read'))
      or project_id = any((select app.project_ids_with('transfers:read'))::uuid[])));
grant select on transfer_decisions to tcpa_app;

create table transfer_paths (
  source_agent_id uuid not null references agents on delete cascade,
  destination_agent_id uuid not null references agents on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  streams int not null check (streams between 1 and 64),
  chunk_size int not null check (chunk_size > 0),
  rate_bps double precision not null,
  rtt_ms double precision,
  transfers int not null default 1,
  updated_at timestamptz not null default now(),
  primary key (source_agent_id, destination_agent_id),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index transfer_paths_project_idx on transfer_paths (project_id);

alter table transfer_paths enable row level security;
create policy transfer_paths_read on transfer_paths for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('transfers:read'))
      or project_id = any((select app.project_ids_with('transfers:read'))::uuid[])));
grant select on transfer_paths to tcpa_app;
