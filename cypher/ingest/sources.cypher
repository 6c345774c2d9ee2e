// The last line takes the provenance links of the labels this batch produced (sources-produced.cypher and sources-resolved.cypher
// once per label, composed in IngestWriter from fixed labels), so a batch of emails does not pay for ten empty
// subqueries per record.
UNWIND $rows AS row
MERGE (s:SourceRecord {key: row.key})
  ON CREATE SET s.id = row.id, s.ingestedAt = $now
SET s.kind = row.kind, s.source = row.source, s.sourceId = row.sourceId, s.position = row.position,
    s.contentHash = row.hash, s.status = row.status, s.reason = row.reason, s.payload = row.payload,
    s.payloadEncoding = row.payloadEncoding, s.metadata = row.metadata, s.updatedAt = $now
// Provenance in the same statement, with the record in hand: what it produced, and whom it was matched to
// ("WITH s, row" and the links, or nothing when the batch produced nothing, as a batch of payments).
%1$s
