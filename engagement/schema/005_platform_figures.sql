-- Schema version 5: the platform's own figures for the meeting an export covers (Zoom's Unique
-- Viewers, Total Users, Max Concurrent Views; Teams' Total Number of Participants; actual
-- start and end), kept as the file states them so the Sessions page can show them beside ours.
-- Keyed on the import only: the session is the import's (a moved import takes them along) and
-- removing or replacing the import removes them with its other rows.
create table platform_figures (
    import_id integer not null,
    figure varchar not null,
    label varchar not null,
    value double,
    value_utc timestamp
);
