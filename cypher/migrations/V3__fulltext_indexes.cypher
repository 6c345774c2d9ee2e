// Free-text lookup of people and companies by name, email or domain (search boxes, analysts in Neo4j Browser).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Account|Contact) ON EACH [n.name, n.domain, n.email];

// Free-text search over what customers wrote and said.
CREATE FULLTEXT INDEX interaction_text IF NOT EXISTS FOR (n:Email|Call|Ticket) ON EACH [n.subject, n.body, n.title, n.transcript, n.description];
