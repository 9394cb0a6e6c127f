-- The Orders page's keyset pages break ties between orders placed at the same moment by
-- their public id rather than the database key, so that page links never show it.
drop index ix_purchase_order_listing;
create index ix_purchase_order_listing on purchase_order (merchant_id, created_at desc, public_id desc);
