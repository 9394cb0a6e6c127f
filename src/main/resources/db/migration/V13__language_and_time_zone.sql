-- Each merchant has a time zone, the default of its users' times; each user may choose a
-- language (else the browser's is used) and a time zone of their own (else the merchant's).

alter table merchant add column time_zone varchar(64) default 'UTC' not null;
alter table portal_user add column language varchar(8);
alter table portal_user add column time_zone varchar(64);
