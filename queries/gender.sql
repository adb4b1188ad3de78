-- name: gender
-- purpose: people per gender as collected at registration (classify.normalize_gender), every
--          category listed even when empty; 'unknown' (blank or unrecognised answer, no
--          registration, or a form without the question) is its own last row, never dropped.
-- params: $event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis
-- columns: gender (female, male, non_binary_or_other, prefer_not_to_say, unknown), people,
--          share (of people who answered, "prefer not to say" included; null for unknown)
with categories as (
    select
        unnest(['female', 'male', 'non_binary_or_other', 'prefer_not_to_say', 'unknown'])
            as gender,
        unnest(range(1, 6)) as pos
),

counted as (
    select
        gender,
        count(*) as people
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles, $basis)
    group by gender
)

select
    c.gender,
    coalesce(n.people, 0) as people,
    share_of_known(coalesce(n.people, 0), c.gender <> 'unknown') as share
from categories as c
left join counted as n on c.gender = n.gender
order by c.pos
