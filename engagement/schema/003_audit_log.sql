-- Schema version 3: who did what (issue 8). Ids come from a sequence, not max()+1, so two
-- writers can never take the same one. `detail` is JSON text: filters of a download, counts of
-- an import, the e-mail domain (never the address) of an erased person.
create sequence audit_seq start 1;
create table audit_log (
    audit_id bigint primary key default nextval('audit_seq'),
    logged_at timestamp not null,
    actor varchar not null,
    role varchar not null,
    action varchar not null,
    target varchar,
    detail varchar
);
-- Settings an admin changes from the page or the CLI (retention days, suppression threshold).
create table settings (
    name varchar primary key,
    value varchar not null,
    changed_at timestamp not null,
    changed_by varchar not null
);
