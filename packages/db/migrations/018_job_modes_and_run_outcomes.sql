-- Issue 15, modes and outcomes: a transfer's mode (one-off transfers stay copies, a job's runs
-- take the job's), the cut-off "changed since the last successful run" resolves to, mirror
-- deletions and move's source deletions in file results, and runs that follow their transfer.

alter table transfers add column mode text not null default 'copy' check (mode in ('copy', 'mirror', 'move'));
-- Resolved once, when the run fired, so every attempt (and a retry) sends the same files.
alter table transfers add column modified_after timestamptz;
comment on column transfers.modified_after is 'only files modified after this are sent (job filter changedSinceLastRun); null: all';

-- `deleted`: a mirror removed the path below the destination directory (the path is the destination's).
alter table transfer_files drop constraint transfer_files_status_check;
alter table transfer_files add constraint transfer_files_status_check
  check (status in ('pending', 'sending', 'done', 'skipped', 'failed', 'deleted'));
-- Move: the source deleted its copy once the destination verified the hash.
alter table transfer_files add column source_deleted boolean not null default false;

alter table jobs add constraint jobs_filters_object check (filters is null or jsonb_typeof(filters) = 'object');
comment on column jobs.mode is 'copy, mirror or move; each run''s transfer carries it';

alter table job_runs drop constraint job_runs_status_check;
alter table job_runs add constraint job_runs_status_check
  check (status in ('started', 'succeeded', 'failed', 'canceled', 'skipped', 'missed', 'queued'));
alter table job_runs add column files_copied int check (files_copied >= 0);
alter table job_runs add column bytes_copied bigint check (bytes_copied >= 0);
alter table job_runs add column files_deleted int check (files_deleted >= 0);
alter table job_runs add column duration_seconds double precision check (duration_seconds >= 0);
alter table job_runs add column finished_at timestamptz;
create index job_runs_transfer_idx on job_runs (transfer_id) where transfer_id is not null;
-- The last successful run's transfer, for changedSinceLastRun.
create index transfers_job_succeeded_idx on transfers (job_id, started_at desc) where state = 'succeeded';

-- A run follows its transfer in the same transaction as the transfer's change, whoever makes it
-- (an agent's outcome, a person's cancel or retry): ended with its figures, or started again.
-- Security definer: the person who cancels may read the project's jobs but not write runs.
create function app.job_run_follows_transfer() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if new.state in ('succeeded', 'failed', 'canceled') then
    update job_runs r set status = new.state, finished_at = coalesce(new.finished_at, now()), updated_at = now(),
      files_copied = f.copied, bytes_copied = f.bytes, files_deleted = f.deleted,
      duration_seconds = greatest(0, extract(epoch from coalesce(new.finished_at, now())
                                               - coalesce(new.started_at, new.created_at)))
    from (select count(*) filter (where status = 'done')::int as copied,
                 coalesce(sum(size) filter (where status = 'done'), 0)::bigint as bytes,
                 count(*) filter (where status = 'deleted' or source_deleted)::int as deleted
          from transfer_files where transfer_id = new.id) f
    where r.transfer_id = new.id;
  elsif old.state in ('succeeded', 'failed', 'canceled') then
    update job_runs set status = 'started', finished_at = null, files_copied = null, bytes_copied = null,
      files_deleted = null, duration_seconds = null, updated_at = now()
    where transfer_id = new.id;
  end if;
  return null;
end $$;
revoke all on function app.job_run_follows_transfer() from public;

create trigger transfers_job_run_follows after update of state on transfers
  for each row when (new.job_id is not null and old.state is distinct from new.state)
  execute function app.job_run_follows_transfer();

-- API keys made before jobs existed: a key that may run transfers may manage jobs (reusable
-- transfers, the same power), one that reads transfers may read them. Roles got theirs in 017.
update api_keys set scopes = array(select distinct unnest(scopes || '{jobs:read,jobs:write}'::text[]) order by 1)
  where 'transfers:write' = any(scopes) and not ('jobs:write' = any(scopes));
update api_keys set scopes = scopes || '{jobs:read}'::text[]
  where 'transfers:read' = any(scopes) and not ('jobs:read' = any(scopes));
