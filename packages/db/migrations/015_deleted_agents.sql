-- A revoked (or rejected) agent can be deleted: it leaves every list and lookup, while the
-- transfers it took part in keep their history (their foreign keys cascade, so no row goes).
alter table agents add column deleted_at timestamptz;
grant update (deleted_at) on agents to tcpa_app;
