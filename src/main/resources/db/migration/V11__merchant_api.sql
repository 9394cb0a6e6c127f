-- For the merchant API.
-- Klarna's second merchant reference (merchant_reference2), which the API reads and
-- updates. Not searched: the first reference is the one staff look orders up by.
alter table purchase_order add column merchant_reference2 varchar(64);

-- Idempotency keys are kept for a while (portal.idempotency.retention) and then purged
-- oldest first, a batch at a time.
create index ix_idempotency_key_created on idempotency_key (created_at);
