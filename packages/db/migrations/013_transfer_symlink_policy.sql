-- Issue 13, item 5: what a transfer does with the symlinks it meets (see SymlinkPolicySchema).
-- `preserve` recreates links whose target stays inside the folder sent; `follow` sends what they
-- point to (never outside the agent's roots); `skip` leaves them out. Existing rows take the
-- default, preserve.
alter table transfers add column symlinks text not null default 'preserve'
  check (symlinks in ('preserve', 'follow', 'skip'));
comment on column transfers.symlinks is 'symlink policy: preserve | follow | skip';
