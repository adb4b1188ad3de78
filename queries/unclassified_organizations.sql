-- name: unclassified_organizations
-- purpose: organizations whose stakeholder type is unknown, by people affected.
-- params: $event_id
-- columns: organization, org_type_raw, people
select
    organization,
    min(org_type_raw) as org_type_raw,
    count(distinct person_key) as people
from v_registration_facts
where
    event_id = $event_id
    and not is_bot
    and stakeholder_eff = 'unknown'
    and organization is not null
group by organization
order by people desc, organization asc
