-- Two fixes of issue 12, one migration.
--
-- 1. Signing keys at rest. The private half of each JWT signing key is stored encrypted
--    (AES-256-GCM, `private_jwk_sealed`) with a key that is not in the database (TCPA_SECRET_KEY
--    or a key file). SQL cannot encrypt without that key, so this only makes room: the server
--    seals a plaintext `private_jwk` at start and clears it.
alter table signing_keys add column private_jwk_sealed text;
alter table signing_keys alter column private_jwk drop not null;
alter table signing_keys add constraint signing_keys_one_private_half
  check (num_nonnulls(private_jwk, private_jwk_sealed) = 1);

-- 2. API keys minted by API keys.
--    A key minted by another key (`parent_id`) may never outlive it: its expiry is no later than
--    its parent's, revoking a key revokes its descendants, and the API-key lookup refuses a key
--    whose ancestor is revoked or expired.

alter table api_keys add column parent_id uuid references api_keys on delete cascade;
comment on column api_keys.parent_id is 'the API key that created this one; null when a person did';
create index api_keys_parent_idx on api_keys (parent_id) where parent_id is not null;

-- Keys made before this column: the audit log names the key that created each one.
update api_keys k set parent_id = a.actor_api_key_id
from audit_log a
where a.action = 'api_key.created' and a.target_type = 'api_key' and a.target_id = k.id::text
  and a.company_id = k.company_id and a.actor_api_key_id is not null
  and exists (select from api_keys p where p.id = a.actor_api_key_id and p.company_id = k.company_id);

-- Bring those keys in line with the rules: the earliest expiry and revocation along the chain.
with recursive lineage (id, expires_at, revoked_at) as (
  select id, expires_at, revoked_at from api_keys where parent_id is null
  union all
  select k.id, least(k.expires_at, l.expires_at), least(k.revoked_at, l.revoked_at)
  from api_keys k join lineage l on k.parent_id = l.id
)
update api_keys k set expires_at = l.expires_at, revoked_at = l.revoked_at
from lineage l
where l.id = k.id
  and (k.expires_at is distinct from l.expires_at or k.revoked_at is distinct from l.revoked_at);

-- A key's parent is the key that made the request, never one the caller names.
drop policy api_keys_insert on api_keys;
create policy api_keys_insert on api_keys for insert
  with check (company_id = (select app.company_id()) and created_by = (select app.user_id())
    and parent_id is not distinct from (select app.api_key_id())
    and (select app.has_permission('api_keys:write')));
grant select (parent_id) on api_keys to tcpa_app;
