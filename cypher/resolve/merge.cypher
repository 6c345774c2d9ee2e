// Merges $loser into $survivor (labels filled in from EntityKind: live, live, merged, live).
MATCH (s:%s {id: $survivor})
MATCH (l:%s {id: $loser})
WHERE s <> l
// Relationships out of and into the merged entity move to the survivor, remembering where they came from. One the
// survivor already has (same type, same other node: both work at Acme, one email to both addresses) stays on the
// merged node instead of being doubled; a split then finds it where it was.
CALL (s, l) {
  MATCH (l)-[r]->(x) WHERE NOT type(r) IN ['SAME_AS', 'DIFFERENT_FROM'] AND x <> s
    AND NOT exists { MATCH (s)-[q]->(x) WHERE type(q) = type(r) }
  CREATE (s)-[n:$(type(r))]->(x)
  SET n = properties(r), n.origin = coalesce(r.origin, l.id)
  DELETE r
}
CALL (s, l) {
  MATCH (x)-[r]->(l) WHERE NOT type(r) IN ['SAME_AS', 'DIFFERENT_FROM'] AND x <> s
    AND NOT exists { MATCH (x)-[q]->(s) WHERE type(q) = type(r) }
  CREATE (x)-[n:$(type(r))]->(s)
  SET n = properties(r), n.origin = coalesce(r.origin, l.id)
  DELETE r
}
WITH s, l,
     [e IN coalesce(l.emails, []) + CASE WHEN l.email IS NULL THEN [] ELSE [l.email] END WHERE NOT e IN coalesce(s.emails, []) | e] AS addedEmails,
     [v IN coalesce(l.nameVariants, []) + CASE WHEN l.name IS NULL THEN [] ELSE [l.name] END WHERE NOT v IN coalesce(s.nameVariants, []) AND v <> s.name | v] AS addedNames
WITH s, l, reduce(acc = [], e IN addedEmails | CASE WHEN e IN acc THEN acc ELSE acc + e END) AS addedEmails,
     reduce(acc = [], v IN addedNames | CASE WHEN v IN acc THEN acc ELSE acc + v END) AS addedNames
CREATE (l)-[same:SAME_AS {status: $status, by: $by, decidedAt: $now, probability: $probability, weight: $weight, factors: $factors,
                           addedEmails: addedEmails, addedNames: addedNames,
                           filledPhone: s.phone IS NULL AND l.phone IS NOT NULL,
                           filledTitle: s.title IS NULL AND l.title IS NOT NULL,
                           filledDomain: s.domain IS NULL AND l.domain IS NOT NULL,
                           hadEmails: s.emails IS NOT NULL, hadNames: s.nameVariants IS NOT NULL,
                           survivorUpdatedAt: s.updatedAt}]->(s)
SET s.emails = CASE WHEN size(addedEmails) = 0 THEN s.emails ELSE coalesce(s.emails, []) + addedEmails END,
    s.nameVariants = CASE WHEN size(addedNames) = 0 THEN s.nameVariants ELSE coalesce(s.nameVariants, []) + addedNames END,
    s.phone = coalesce(s.phone, l.phone),
    s.title = coalesce(s.title, l.title),
    s.domain = coalesce(s.domain, l.domain),
    s.updatedAt = $now,
    l.mergedInto = s.id
// The merged record's own fields (field_x with its history fieldHistory_x) join the survivor where it has neither:
// scores learn from them. A field both hold keeps the survivor's. A split takes back exactly what was filled.
WITH s, l, same,
     [k IN keys(l) WHERE k STARTS WITH 'field_' | substring(k, 6)] + [k IN keys(l) WHERE k STARTS WITH 'fieldHistory_' | substring(k, 13)] AS named
WITH s, l, same, [x IN named WHERE s['field_' + x] IS NULL AND s['fieldHistory_' + x] IS NULL] AS missing
WITH s, l, same, [k IN keys(l) WHERE (k STARTS WITH 'field_' AND substring(k, 6) IN missing)
                              OR (k STARTS WITH 'fieldHistory_' AND substring(k, 13) IN missing)] AS filled
SET same.filledFields = filled
FOREACH (k IN filled | SET s[k] = l[k])
REMOVE l:%s
SET l:%s
MERGE (a:Alias {key: 'id:' + l.id}) ON CREATE SET a.createdAt = $now, a.decision = 'merge'
MERGE (a)-[:ALIAS_OF {origin: l.id}]->(s)
RETURN s.id AS id
