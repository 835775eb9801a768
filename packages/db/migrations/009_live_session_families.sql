-- Every request with an access token checks that its session family (the token's `sid`) still
-- has a refresh token that is not revoked, so logout, a password change or removal from the
-- company ends the session at once instead of when the access token expires. Only live tokens
-- are indexed: a revoked family has no entries, and the lookup reads one index page.
drop index refresh_tokens_family_idx;
create index refresh_tokens_live_family_idx on refresh_tokens (family_id) where revoked_at is null;
