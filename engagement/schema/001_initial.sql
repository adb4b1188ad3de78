-- Schema version 1: the tables. Times are UTC (naive TIMESTAMP, always UTC by convention).
create table schema_version (
    version integer not null,
    applied_at timestamp not null
);

create table events (
    event_id varchar primary key,
    name varchar not null,
    timezone varchar not null,
    start_date date,
    end_date date,
    mode varchar,
    is_demo boolean not null default false
);

create sequence session_seq start 1;

create table sessions (
    session_id integer primary key default nextval('session_seq'),
    event_id varchar not null references events (event_id),
    session_code varchar,
    title varchar not null,
    kind varchar not null check (
        kind in ('plenary', 'panel', 'presentation', 'participatory discussion', 'other')
    ),
    day date,
    scheduled_start_utc timestamp,
    scheduled_end_utc timestamp,
    external_id varchar,
    source varchar not null check (source in ('programme', 'import'))
);

-- A person is a pseudonymous key; who they are lives in person_pii, read by organizer views only.
create table people (
    person_key varchar primary key,
    key_basis varchar not null check (key_basis in ('email', 'name'))
);

create table person_pii (
    person_key varchar primary key,
    email varchar,
    display_name varchar,
    first_name varchar,
    last_name varchar
);

create table imports (
    import_id integer primary key,
    file_name varchar not null,
    sha256 varchar not null,
    format varchar not null,
    encoding varchar,
    event_id varchar not null,
    session_id integer,
    source_tz varchar not null,
    rows_read integer not null,
    rows_rejected integer not null,
    registrants integer not null,
    attendees integer not null,
    segments integer not null,
    imported_at timestamp not null,
    generated_at timestamp,
    status varchar not null check (status in ('active', 'replaced')),
    replaced_by integer,
    notes varchar
);

create table import_rejects (
    import_id integer not null,
    line integer,
    reason varchar not null,
    raw varchar
);

create table registrations (
    import_id integer not null,
    event_id varchar not null,
    session_id integer,
    person_key varchar not null,
    registered_at_utc timestamp,
    status varchar not null check (status in ('approved', 'pending', 'cancelled', 'denied')),
    status_raw varchar,
    country_raw varchar,
    organization varchar,
    org_type_raw varchar,
    job_title varchar,
    gender varchar not null,
    stakeholder varchar not null,
    stakeholder_rule varchar not null,
    is_bot boolean not null,
    answers json,
    source_line integer
);

create table segments (
    import_id integer not null,
    event_id varchar not null,
    session_id integer not null,
    person_key varchar not null,
    join_utc timestamp not null,
    leave_utc timestamp not null,
    role varchar not null check (role in ('attendee', 'panelist', 'host')),
    is_guest boolean,
    is_bot boolean not null,
    country_raw varchar,
    minutes_reported double,
    source_line integer
);

create table countries (
    iso3 varchar primary key,
    iso2 varchar,
    who_name varchar not null,
    who_region varchar,
    wb_income_group varchar,
    un_m49 varchar,
    member_type varchar not null check (member_type in ('member', 'associate', 'other')),
    notes varchar
);

-- What the resolver said about each raw country string seen in an import.
create table country_lookup (
    raw varchar primary key,
    iso3 varchar,
    reason varchar,
    suggestion varchar
);

-- An organizer's answer for a raw value (kind: country, organization, org_type), keyed on the
-- trimmed lower-case raw text; applies to current rows and to every later import.
create table overrides (
    kind varchar not null check (kind in ('country', 'organization', 'org_type')),
    raw_key varchar not null,
    value varchar not null,
    created_at timestamp not null,
    primary key (kind, raw_key)
);

create table column_profiles (
    name varchar primary key,
    signature varchar not null,
    mapping json not null,
    created_at timestamp not null
);
