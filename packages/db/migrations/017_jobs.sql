-- Issue 15: jobs (reusable transfer definitions of a project), their schedules and their runs.
-- A schedule's next firing is claimed in the database: a run row is unique per (schedule, fire
-- time), so however many servers tick at once, each due firing makes exactly one run.

-- The shortest schedule interval a plan allows (minutes).
alter table plans add column min_schedule_interval_minutes int not null default 1
  check (min_schedule_interval_minutes > 0);
update plans set min_schedule_interval_minutes = case id when 'free' then 60 when 'starter' then 15 else 1 end;

-- Permissions are data: whoever may run transfers may manage jobs, viewers may read them.
update roles set permissions = permissions || '{jobs:read,jobs:write}'
  where company_id is null and ((scope = 'company' and key in ('owner', 'admin'))
    or (scope = 'project' and key in ('admin', 'operator')));
update roles set permissions = permissions || '{jobs:read}'
  where company_id is null and scope = 'project' and key = 'viewer';

create table jobs (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  source_agent_id uuid not null references agents on delete cascade,
  source_paths text[] not null,
  destination_agent_id uuid not null references agents on delete cascade,
  destination_dir text not null,
  -- Only copy runs for now; mirror and move are refused by the API until they land.
  mode text not null default 'copy' check (mode in ('copy', 'mirror', 'move')),
  overwrite text not null check (overwrite in ('skip_identical', 'overwrite', 'keep_both')),
  symlinks text not null default 'preserve' check (symlinks in ('preserve', 'follow', 'skip')),
  bandwidth_limit_bps bigint check (bandwidth_limit_bps > 0),
  priority int not null check (priority between 0 and 9),
  max_attempts int not null check (max_attempts between 1 and 10),
  -- The same shape as transfers.filters; null means every file.
  filters jsonb,
  overlap text not null default 'skip' check (overlap in ('skip', 'queue', 'parallel')),
  catch_up_seconds int not null default 3600 check (catch_up_seconds between 0 and 604800),
  enabled boolean not null default true,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (source_agent_id <> destination_agent_id),
  unique (project_id, name),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index jobs_agents_idx on jobs (source_agent_id);

create table job_schedules (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null references jobs on delete cascade,
  company_id uuid not null,
  project_id uuid not null,
  kind text not null check (kind in ('cron', 'interval')),
  cron text check (length(cron) <= 200),
  time_zone text check (length(time_zone) <= 100),
  every_minutes int check (every_minutes between 1 and 527040),
  -- Null while the job is disabled: re-enabling starts from the next firing after that moment.
  next_fire_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'cron' and cron is not null and time_zone is not null and every_minutes is null)
    or (kind = 'interval' and every_minutes is not null and cron is null)),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index job_schedules_job_idx on job_schedules (job_id);
create index job_schedules_due_idx on job_schedules (next_fire_at) where next_fire_at is not null;

-- Deleting a job keeps the history of its runs (job_id and schedule_id become null, the name stays).
create table job_runs (
  id uuid primary key default gen_random_uuid(),
  job_id uuid references jobs on delete set null,
  company_id uuid not null,
  project_id uuid not null,
  job_name text not null,
  schedule_id uuid references job_schedules on delete set null,
  trigger text not null check (trigger in ('schedule', 'manual')),
  fire_time timestamptz not null,
  status text not null check (status in ('started', 'skipped', 'missed', 'queued')),
  reason text check (length(reason) <= 500),
  transfer_id uuid references transfers on delete set null,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (schedule_id, fire_time),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index job_runs_job_idx on job_runs (job_id, fire_time desc);
create index job_runs_queued_idx on job_runs (job_id) where status = 'queued';

alter table transfers add column job_id uuid references jobs on delete set null;
create index transfers_job_idx on transfers (job_id) where job_id is not null;

alter table jobs enable row level security;
create policy jobs_read on jobs for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:read'))
      or project_id = any((select app.project_ids_with('jobs:read'))::uuid[])));
create policy jobs_insert on jobs for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
create policy jobs_update on jobs for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
create policy jobs_delete on jobs for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
grant select, insert, delete on jobs to tcpa_app;
grant update (name, source_agent_id, source_paths, destination_agent_id, destination_dir, mode, overwrite,
  symlinks, bandwidth_limit_bps, priority, max_attempts, filters, overlap, catch_up_seconds, enabled, updated_at)
  on jobs to tcpa_app;

alter table job_schedules enable row level security;
create policy job_schedules_read on job_schedules for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:read'))
      or project_id = any((select app.project_ids_with('jobs:read'))::uuid[])));
create policy job_schedules_insert on job_schedules for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
create policy job_schedules_update on job_schedules for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
create policy job_schedules_delete on job_schedules for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
grant select, insert, delete on job_schedules to tcpa_app;
grant update (next_fire_at) on job_schedules to tcpa_app;

-- Runs are written by the scheduler (as the owner) and by Run now, in the user's transaction.
alter table job_runs enable row level security;
create policy job_runs_read on job_runs for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:read'))
      or project_id = any((select app.project_ids_with('jobs:read'))::uuid[])));
create policy job_runs_insert on job_runs for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('jobs:write'))
      or project_id = any((select app.project_ids_with('jobs:write'))::uuid[])));
grant select, insert on job_runs to tcpa_app;
