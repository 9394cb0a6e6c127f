-- Staff search customers by surname too ("Mrs Larsson on the phone"): the last word of the
-- customer's name, lower case, kept beside the name and indexed for prefix search.
alter table purchase_order add column search_surname varchar(200);
update purchase_order set search_surname = regexp_replace(search_name, '^.*\s', '');
alter table purchase_order alter column search_surname set not null;
create index ix_purchase_order_surname on purchase_order (merchant_id, search_surname ${text_pattern_ops});
