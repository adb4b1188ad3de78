-- name: countries_list
-- purpose: every country and territory of the reference table, for pickers.
-- params: none
-- columns: iso3, country, who_region, member_type
select
    iso3,
    who_name as country,
    who_region,
    member_type
from countries
order by who_name
