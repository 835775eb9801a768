-- Issue 16, transactional email: password reset by emailed link, and email verification on sign-up.
-- Tokens are stored as SHA-256 hashes only (the link holds the secret); each is single use and
-- short-lived. Like refresh tokens and login failures, these tables are read only by the auth
-- service, which runs as the owner before any claims exist: tcpa_app gets no grant on them, and
-- row-level security is on with no policy, so a grant added by mistake still shows nothing.

-- Null until the address is proven by a verification link. Accounts made before this migration
-- signed up when nothing was checked; they count as verified from their creation.
alter table users add column email_verified_at timestamptz;
update users set email_verified_at = created_at;

create table password_reset_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index password_reset_tokens_user_idx on password_reset_tokens (user_id) where used_at is null;
alter table password_reset_tokens enable row level security;

create table email_verification_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users on delete cascade,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index email_verification_tokens_user_idx on email_verification_tokens (user_id) where used_at is null;
alter table email_verification_tokens enable row level security;

-- Every emailed link asked for (a reset, a new verification email), by address and by the
-- requester's IP: the throttle counts these, so nobody can flood an inbox or the mail server.
-- Kept apart from login_failures, which a successful sign-in clears.
create table auth_email_requests (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('password_reset', 'email_verification')),
  email text not null,
  ip text not null,
  created_at timestamptz not null default now()
);
create index auth_email_requests_email_idx on auth_email_requests (kind, lower(email), created_at);
create index auth_email_requests_ip_idx on auth_email_requests (kind, ip, created_at);
alter table auth_email_requests enable row level security;
