// Without In-Reply-To headers (Enron's archive has none) a reply ("Re: …") is linked to the latest earlier email
// of the same normalised subject. Links are recomputed for the whole thread, so the result does not depend on the
// order emails arrive in.
UNWIND $keys AS k
MATCH (e:Email {threadKey: k}) WHERE e.isReply
OPTIONAL MATCH (e)-[old:REPLY_TO {by: 'subject'}]->()
DELETE old
WITH DISTINCT e, k
CALL (e, k) {
  MATCH (p:Email {threadKey: k}) WHERE p.occurredAt < e.occurredAt
  RETURN p ORDER BY p.occurredAt DESC, p.id DESC LIMIT 1
}
MERGE (e)-[:REPLY_TO {by: 'subject'}]->(p)
