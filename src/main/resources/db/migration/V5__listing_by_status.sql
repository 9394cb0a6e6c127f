-- The Orders page filtered by status: served in order by this index, whatever the status's
-- share of the merchant's orders.
create index ix_purchase_order_status_listing on purchase_order (merchant_id, status, created_at desc, public_id desc);
