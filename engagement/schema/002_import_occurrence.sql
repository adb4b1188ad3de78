-- Schema version 2: what an import says about the meeting it covers, so that a newer export of
-- the same occurrence can be told apart from another occurrence that reuses the meeting ID
-- (Zoom recurring webinars, personal meeting IDs).
alter table imports add column external_id varchar;
alter table imports add column actual_start_utc timestamp;
