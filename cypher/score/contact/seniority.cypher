// Seniority from the normalised title: 4 C-level, founder or owner; 3 VP or head of; 2 director; 1 manager or lead;
// 0 anything else. Abbreviations as people write them ("VP Sales", "Dir. of IT", "Sr. Mgr") count too.
UNWIND $rows AS row
MATCH p = (c:Contact {id: row.id}) WHERE c.title IS NOT NULL
WITH row, p, ' ' + toLower(replace(replace(c.title, '.', ' '), ',', ' ')) + ' ' AS t
WITH row, p,
  CASE
    WHEN t =~ '.*\\b(ceo|cto|cfo|coo|cio|cmo|cro|ciso|chief|founder|co-founder|owner|president)\\b.*' AND NOT t =~ '.*\\bvice president\\b.*' THEN 4
    WHEN t =~ '.*\\b(vp|svp|evp|vice president|head of|head)\\b.*' THEN 3
    WHEN t =~ '.*\\b(director|dir)\\b.*' THEN 2
    WHEN t =~ '.*\\b(manager|mgr|lead|principal)\\b.*' THEN 1
    ELSE 0
  END AS value
RETURN row.key AS key, value, CASE WHEN value > 0 THEN [p] ELSE [] END AS evidence
