-- A transfer that cannot go on for a reason that passes by itself (the destination unreachable or
-- restarting, an agent offline) waits without using up attempts: what it waits for, and since when
-- (the first such failure in a row; the wait gives up after TRANSFER_TRANSIENT_RETRY_SECONDS).
alter table transfers add column waiting_for text check (waiting_for is null or length(waiting_for) between 1 and 500);
alter table transfers add column waiting_since timestamptz;
-- A person's pause, resume or cancel (run as the application role) ends the wait.
grant update (waiting_for, waiting_since) on transfers to tcpa_app;
