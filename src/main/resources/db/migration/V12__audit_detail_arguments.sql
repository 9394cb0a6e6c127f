-- An audit entry's detail is a message code (audit.detail.*, refusal.*), shown in the
-- reader's language; its arguments are kept beside it. Entries written before hold
-- their detail as English text and no arguments, and are shown as they are.

alter table audit_event add column detail_arguments varchar(500);
