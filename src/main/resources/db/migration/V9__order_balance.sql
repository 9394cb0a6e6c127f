-- An order's money in a row of its own (issue 9). A capture or refund changes amounts and
-- rarely anything an index holds, yet H2 rewrites every index entry of a row it updates:
-- ten of them for an order, each on another page at 1,000,000 orders, so that refunds
-- queued behind each other's commits. The narrow balance row has its primary key only.
-- The order's version goes too: every change locks the order's row (select for update).
create table order_balance (
    order_id        bigint not null primary key references purchase_order (id) on delete cascade,
    order_amount    bigint not null,
    captured_amount bigint not null,
    refunded_amount bigint not null,
    released_amount bigint not null,
    constraint ck_order_balance_amounts check (
        order_amount >= 0 and captured_amount >= 0 and refunded_amount >= 0 and released_amount >= 0
        and captured_amount + released_amount <= order_amount
        and refunded_amount <= captured_amount)
);
insert into order_balance (order_id, order_amount, captured_amount, refunded_amount, released_amount)
select id, order_amount, captured_amount, refunded_amount, released_amount from purchase_order;
alter table purchase_order drop constraint ck_purchase_order_amounts;
-- One statement, since H2 copies the table and rebuilds its indexes for each: H2 writes
-- "drop column a, b", PostgreSQL "drop column a, drop column b" (the placeholder).
alter table purchase_order drop column order_amount${and_drop_column} captured_amount${and_drop_column} refunded_amount${and_drop_column} released_amount${and_drop_column} version;
