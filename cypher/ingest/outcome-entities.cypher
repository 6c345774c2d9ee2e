// Which outcome rows name an entity the graph holds: by our id, or an account's or deal's external id, or a
// contact's address. Returns kind|ref of the known ones.
UNWIND $refs AS r
WITH r WHERE CASE r.kind
  WHEN 'CHURN_RISK' THEN EXISTS { MATCH (:Account {id: r.ref}) } OR EXISTS { MATCH (:Account {externalId: r.ref}) }
  WHEN 'DEAL_WIN' THEN EXISTS { MATCH (:Deal {id: r.ref}) } OR EXISTS { MATCH (:Deal {externalId: r.ref}) }
  ELSE EXISTS { MATCH (:Contact {id: r.ref}) } OR EXISTS { MATCH (:Contact {email: toLower(r.ref)}) } END
RETURN r.kind + '|' + r.ref AS key
