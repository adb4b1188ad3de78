-- Schema version 6: import ids come from a sequence, not max()+1, so two organizers committing
-- at the same moment never take the same id (issue 11). A database that already holds imports
-- starts the sequence after its largest id: nextval is drawn that many times (ids are small).
create sequence import_seq start 1;
select max(nextval('import_seq')) as last_taken
from range((select coalesce(max(import_id), 0) from imports));
