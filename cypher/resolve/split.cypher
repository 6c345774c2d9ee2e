// Splits $loser off $survivor (labels from EntityKind: merged, live, merged, merged, live).
MATCH (l:%s {id: $loser})-[same:SAME_AS]->(s:%s {id: $survivor})
WHERE same.status IN ['INFERRED', 'ASSERTED']
// Everything that came from the merged entity, or from entities merged into it earlier, goes back to it.
OPTIONAL MATCH (m:%s)-[chain:SAME_AS*1..]->(l)
WHERE all(c IN chain WHERE c.status IN ['INFERRED', 'ASSERTED'])
WITH l, same, s, [l.id] + collect(DISTINCT m.id) AS origins
CALL (l) {
  OPTIONAL MATCH (a:Alias {key: 'id:' + l.id})
  DETACH DELETE a
}
CALL (s, l, origins) {
  MATCH (s)-[r]->(x) WHERE r.origin IN origins
  CREATE (l)-[n:$(type(r))]->(x)
  SET n = properties(r), n.origin = CASE WHEN r.origin = l.id THEN null ELSE r.origin END
  DELETE r
}
CALL (s, l, origins) {
  MATCH (x)-[r]->(s) WHERE r.origin IN origins
  CREATE (x)-[n:$(type(r))]->(l)
  SET n = properties(r), n.origin = CASE WHEN r.origin = l.id THEN null ELSE r.origin END
  DELETE r
}
// The survivor gives back what it gained.
WITH l, same, s,
     [e IN coalesce(s.emails, []) WHERE NOT e IN same.addedEmails] AS emails,
     [v IN coalesce(s.nameVariants, []) WHERE NOT v IN same.addedNames] AS names
SET s.emails = CASE WHEN size(emails) = 0 AND NOT same.hadEmails THEN null ELSE emails END,
    s.nameVariants = CASE WHEN size(names) = 0 AND NOT same.hadNames THEN null ELSE names END,
    s.updatedAt = same.survivorUpdatedAt,
    s.phone = CASE WHEN same.filledPhone THEN null ELSE s.phone END,
    s.title = CASE WHEN same.filledTitle THEN null ELSE s.title END,
    s.domain = CASE WHEN same.filledDomain THEN null ELSE s.domain END,
    same.status = 'RETRACTED', same.retractedBy = $by, same.retractedAt = $now, same.retractedBecause = $reason
FOREACH (k IN coalesce(same.filledFields, []) | SET s[k] = null)
REMOVE l.mergedInto
REMOVE l:%s
SET l:%s
RETURN l.id AS id
