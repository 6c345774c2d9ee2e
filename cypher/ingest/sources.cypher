UNWIND $rows AS row
MERGE (s:SourceRecord {key: row.key})
  ON CREATE SET s.id = row.id, s.ingestedAt = $now
SET s.kind = row.kind, s.source = row.source, s.sourceId = row.sourceId, s.position = row.position,
    s.contentHash = row.hash, s.status = row.status, s.reason = row.reason, s.payload = row.payload,
    s.payloadEncoding = row.payloadEncoding, s.metadata = row.metadata, s.updatedAt = $now
