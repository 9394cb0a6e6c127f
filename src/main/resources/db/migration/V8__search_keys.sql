-- Prefix search that reads a page, not every match (issue 9). A search for the first 3, 4
-- or 5 characters of a merchant reference, order id, email, name or surname finds its
-- orders newest first along one index of their search keys: each order has one key per
-- searchable value and length, e.g. "nor", "nord", "nords" for "nordström". Without them
-- a prefix range holds its matches in the order of their values, and a common prefix
-- ("johan", 25,000 of 1,000,000 orders) had to be read whole and sorted for a page.
-- Written by the Order aggregate with the order (they never change); here for the orders
-- there already are, each key once per order.
create table order_search_key (
    order_id    bigint       not null references purchase_order (id) on delete cascade,
    search_key  varchar(5)   not null,
    merchant_id bigint       not null,
    created_at  timestamp with time zone not null,
    public_id   varchar(36)  not null,
    primary key (order_id, search_key)
);
create index ix_order_search_key on order_search_key (merchant_id, search_key, created_at desc, public_id desc);
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_reference, 3), merchant_id, created_at, public_id from purchase_order
where length(search_reference) >= 3;
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(public_id, 3), merchant_id, created_at, public_id from purchase_order
where length(public_id) >= 3
  and (length(search_reference) < 3 or left(search_reference, 3) <> left(public_id, 3));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_email, 3), merchant_id, created_at, public_id from purchase_order
where length(search_email) >= 3
  and (length(search_reference) < 3 or left(search_reference, 3) <> left(search_email, 3))
  and (length(public_id) < 3 or left(public_id, 3) <> left(search_email, 3));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_name, 3), merchant_id, created_at, public_id from purchase_order
where length(search_name) >= 3
  and (length(search_reference) < 3 or left(search_reference, 3) <> left(search_name, 3))
  and (length(public_id) < 3 or left(public_id, 3) <> left(search_name, 3))
  and (length(search_email) < 3 or left(search_email, 3) <> left(search_name, 3));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_surname, 3), merchant_id, created_at, public_id from purchase_order
where length(search_surname) >= 3
  and (length(search_reference) < 3 or left(search_reference, 3) <> left(search_surname, 3))
  and (length(public_id) < 3 or left(public_id, 3) <> left(search_surname, 3))
  and (length(search_email) < 3 or left(search_email, 3) <> left(search_surname, 3))
  and (length(search_name) < 3 or left(search_name, 3) <> left(search_surname, 3));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_reference, 4), merchant_id, created_at, public_id from purchase_order
where length(search_reference) >= 4;
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(public_id, 4), merchant_id, created_at, public_id from purchase_order
where length(public_id) >= 4
  and (length(search_reference) < 4 or left(search_reference, 4) <> left(public_id, 4));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_email, 4), merchant_id, created_at, public_id from purchase_order
where length(search_email) >= 4
  and (length(search_reference) < 4 or left(search_reference, 4) <> left(search_email, 4))
  and (length(public_id) < 4 or left(public_id, 4) <> left(search_email, 4));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_name, 4), merchant_id, created_at, public_id from purchase_order
where length(search_name) >= 4
  and (length(search_reference) < 4 or left(search_reference, 4) <> left(search_name, 4))
  and (length(public_id) < 4 or left(public_id, 4) <> left(search_name, 4))
  and (length(search_email) < 4 or left(search_email, 4) <> left(search_name, 4));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_surname, 4), merchant_id, created_at, public_id from purchase_order
where length(search_surname) >= 4
  and (length(search_reference) < 4 or left(search_reference, 4) <> left(search_surname, 4))
  and (length(public_id) < 4 or left(public_id, 4) <> left(search_surname, 4))
  and (length(search_email) < 4 or left(search_email, 4) <> left(search_surname, 4))
  and (length(search_name) < 4 or left(search_name, 4) <> left(search_surname, 4));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_reference, 5), merchant_id, created_at, public_id from purchase_order
where length(search_reference) >= 5;
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(public_id, 5), merchant_id, created_at, public_id from purchase_order
where length(public_id) >= 5
  and (length(search_reference) < 5 or left(search_reference, 5) <> left(public_id, 5));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_email, 5), merchant_id, created_at, public_id from purchase_order
where length(search_email) >= 5
  and (length(search_reference) < 5 or left(search_reference, 5) <> left(search_email, 5))
  and (length(public_id) < 5 or left(public_id, 5) <> left(search_email, 5));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_name, 5), merchant_id, created_at, public_id from purchase_order
where length(search_name) >= 5
  and (length(search_reference) < 5 or left(search_reference, 5) <> left(search_name, 5))
  and (length(public_id) < 5 or left(public_id, 5) <> left(search_name, 5))
  and (length(search_email) < 5 or left(search_email, 5) <> left(search_name, 5));
insert into order_search_key (order_id, search_key, merchant_id, created_at, public_id)
select id, left(search_surname, 5), merchant_id, created_at, public_id from purchase_order
where length(search_surname) >= 5
  and (length(search_reference) < 5 or left(search_reference, 5) <> left(search_surname, 5))
  and (length(public_id) < 5 or left(public_id, 5) <> left(search_surname, 5))
  and (length(search_email) < 5 or left(search_email, 5) <> left(search_surname, 5))
  and (length(search_name) < 5 or left(search_name, 5) <> left(search_surname, 5));
