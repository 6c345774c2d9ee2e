// A record's own fields: the columns of an account, contact or deal export that no parser read, kept as
// field_<column in snake case> properties (strings, as written; null removes one blank now) beside their history
// fieldHistory_<column> (FieldHistory: "<instant>|<value>", oldest first), both computed by IngestWriter.ownFields
// from what the node held. Scores learn from the fields their configuration names, read as of each moment.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.label = 'Account'
  MATCH (n:Account {id: row.id})
  SET n += row.set
}
CALL (row) {
  WITH row WHERE row.label = 'Contact'
  MATCH (n:Contact {id: row.id})
  SET n += row.set
}
CALL (row) {
  WITH row WHERE row.label = 'Deal'
  MATCH (n:Deal {id: row.id})
  SET n += row.set
}
