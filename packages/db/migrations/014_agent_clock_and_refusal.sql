-- What the server last learned about an agent's clock and why it last refused the agent, so an
-- administrator sees a machine whose clock is off (or an agent turned away) without its logs.
-- Written by the server as owner while authenticating agents; tenants only read them.

-- The agent's own clock minus the server's (ms), from its latest connection attempt.
alter table agents add column clock_skew_ms int;
alter table agents add column last_refused_at timestamptz;
alter table agents add column last_refusal text check (last_refusal is null or length(last_refusal) <= 500);
