-- Where an agent's data channel listens, and the certificate the sender must pin.
alter table agents
  add column data_host text,
  add column data_port int check (data_port between 1 and 65535),
  add column data_fingerprint text check (data_fingerprint ~ '^[0-9a-f]{64}$');
