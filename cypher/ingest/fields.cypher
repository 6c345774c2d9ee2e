// A record's own fields: the columns of an account, contact or deal export that no parser read, kept as
// field_<column in snake case> properties (strings, as written). Scores learn from the ones their configuration names.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.label = 'Account'
  MATCH (n:Account {id: row.id})
  SET n += row.fields
}
CALL (row) {
  WITH row WHERE row.label = 'Contact'
  MATCH (n:Contact {id: row.id})
  SET n += row.fields
}
CALL (row) {
  WITH row WHERE row.label = 'Deal'
  MATCH (n:Deal {id: row.id})
  SET n += row.fields
}
