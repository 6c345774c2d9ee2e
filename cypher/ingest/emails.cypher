UNWIND $rows AS row
MERGE (e:Email {id: row.id})
SET e += row.props
FOREACH (f IN CASE WHEN row.folder IS NULL OR row.folder IN coalesce(e.folders, []) THEN [] ELSE [row.folder] END |
  SET e.folders = coalesce(e.folders, []) + f)
WITH e, row
CALL (e, row) {
  MATCH (c:Contact {id: row.fromId})
  MERGE (c)-[:SENT]->(e)
}
CALL (e, row) {
  UNWIND row.toIds AS toId
  MATCH (c:Contact {id: toId})
  MERGE (e)-[:TO]->(c)
}
CALL (e, row) {
  UNWIND row.ccIds AS ccId
  MATCH (c:Contact {id: ccId})
  MERGE (e)-[:CC]->(c)
}
CALL (e, row) {
  // The parent may not have arrived yet: a placeholder keeps the link, and is filled when it does.
  WITH e, row WHERE row.parentId IS NOT NULL
  MERGE (p:Email {id: row.parentId})
    ON CREATE SET p.messageId = row.inReplyTo, p.placeholder = true, p.subject = '', p.body = '', p.direction = 'INBOUND'
  MERGE (e)-[:REPLY_TO {by: 'header'}]->(p)
}
