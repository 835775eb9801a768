-- The dispatcher reads only transfers that can run, per source agent held by a node; transfer
-- tokens name their attempt; an administrator may set where an agent's data channel is reached.

-- Counts every start of a transfer and is never reset (`attempts` restarts at 0 on retry), so it
-- names one attempt for good: the transfer token's `att`/`jti`, and what the destination agent
-- refuses once a newer attempt started or the transfer was stopped.
alter table transfers add column attempt_seq int not null default 0;

-- Where the data channel is reached when the address the control plane sees is not the one other
-- agents should use (NAT, a proxy in front of the control plane). Set by an administrator only;
-- what an agent says about itself is not used.
alter table agents add column data_host_override text
  check (data_host_override is null or length(data_host_override) between 1 and 253);
grant update (data_host_override) on agents to tcpa_app;

-- A queued transfer is looked at per source agent (the node holding the agent starts it), best
-- first; running ones are counted per agent. Neither index holds finished transfers, so a tick
-- costs what is queued on the held agents and what runs, not the whole history.
drop index transfers_queue_idx;
create index transfers_source_queue_idx on transfers (source_agent_id, priority desc, created_at)
  where state = 'queued';
create index transfers_destination_queue_idx on transfers (destination_agent_id) where state = 'queued';
create index transfers_queued_idx on transfers (id) where state = 'queued';
create index transfers_running_idx on transfers (source_agent_id, destination_agent_id)
  where state in ('running', 'verifying');
