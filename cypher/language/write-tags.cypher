// %1$s is Email, Call or Ticket (from code, never from input). Replaces the tags and competitor mentions of each
// interaction field with the ones just computed.
UNWIND $rows AS row
MATCH (n:%1$s {id: row.id})
OPTIONAL MATCH (n)-[old:TAGGED|MENTIONS {field: row.field}]->()
DELETE old
WITH DISTINCT n, row
CALL (n, row) {
  UNWIND row.tags AS t
  MERGE (tag:Tag {id: t.tagId}) ON CREATE SET tag.name = t.name
  CREATE (n)-[:TAGGED {field: row.field, start: t.start, end: t.end, span: t.snippet, confidence: t.confidence,
                       version: t.version, detail: t.detail}]->(tag)
}
CALL (n, row) {
  UNWIND row.mentions AS m
  MERGE (c:Competitor {id: m.competitorId}) ON CREATE SET c.name = m.competitor, c.aliases = []
  CREATE (n)-[:MENTIONS {field: row.field, start: m.start, end: m.end, span: m.snippet, confidence: m.confidence,
                         version: m.version}]->(c)
}
