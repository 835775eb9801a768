-- Issue 17: the prices the plans are sold at. Enterprise has no list price: the operator sets
-- it with the customer ("Contact us"), so its price is null.
alter table plans alter column monthly_price_cents drop not null;
comment on column plans.monthly_price_cents is 'null: a custom price, set by the operator (Contact us)';
update plans set monthly_price_cents = case id
  when 'free' then 0
  when 'starter' then 4900
  when 'professional' then 19900
  else null end;
