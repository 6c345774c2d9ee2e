UNWIND $rows AS row
MATCH (a:Account {id: row.id})
SET a.industry = coalesce(row.industry, a.industry),
    a.employees = coalesce(row.employees, a.employees),
    a.country = coalesce(row.country, a.country),
    a.owner = coalesce(row.owner, a.owner),
    a.parent = coalesce(row.parent, a.parent),
    a.founded = coalesce(row.founded, a.founded),
    a.revenue = coalesce(row.revenue, a.revenue),
    a.updatedAt = $now
