-- Issue 16: deliveries are claimed channel by channel.
--
-- The claim walked one index of every due delivery in time order. A slow endpoint's backlog
-- (thousands due, its sends all in flight) lay in front of every other channel's deliveries, so
-- every claim read it from the heap and threw it away: the healthy endpoints waited behind the
-- slow one (bench:notify). With the due deliveries indexed per channel, a claim reads only the
-- few rows each channel has room for, and a transactional email (no channel) has its own index.
drop index notification_deliveries_due_idx;
create index notification_deliveries_channel_due_idx on notification_deliveries (channel_id, next_attempt_at)
  where status = 'pending' and channel_id is not null;
create index notification_deliveries_email_due_idx on notification_deliveries (next_attempt_at)
  where status = 'pending' and channel_id is null;

-- A channel's queue is bounded (MAX_PENDING_PER_CHANNEL in the server): a message past it is
-- stored as not sent, with why, in the transaction that queues it (a test message the app sends).
grant insert (status, finished_at, last_error) on notification_deliveries to tcpa_app;
