package io.customergraph.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import io.customergraph.demo.DemoLoader;
import io.customergraph.demo.DemoWorldGenerator;
import io.customergraph.resolve.Resolver;
import io.customergraph.score.ScoreKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #19.4: the export was checked field by field, so whatever the export's query did not name went unnoticed.
 * Here the export of every contact of a seeded demo world is compared with a walk of the graph from the person that
 * knows nothing of the export: the person and the records merged into them, every node one relationship away from them,
 * and every node that names one of their ids in a property (scores, audit events, reviews…). Each must be in the
 * export with every value it holds.
 */
class ExportWalkTest extends GraphSupport {

  @Autowired DemoLoader loader;
  @Autowired io.customergraph.score.Scorer scorer;
  @Autowired Privacy privacy;
  @Autowired Resolver resolver;

  /** Nodes of other entities, which the export names but does not copy. */
  private static final List<String> ENTITIES = List.of("Account", "Contact", "Deal");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the walk finds around a person: every node beside them or naming one of their ids, with all it holds. */
  private static final String WALK = """
      MATCH (c:Contact {id: $id})
      OPTIONAL MATCH (m:MergedContact)-[:SAME_AS]->(c)
      WITH c, [c] + collect(m) AS selves
      WITH c, selves, [s IN selves | s.id] AS ids
      CALL (selves) { UNWIND selves AS s MATCH (s)-[r]-(n) WHERE NOT n IN selves RETURN collect(DISTINCT n) AS near }
      CALL (ids) {
        MATCH (n) WHERE NOT n:Contact AND NOT n:MergedContact
          AND any(k IN keys(n) WHERE n[k] IN ids OR (n[k] IS :: LIST<STRING NOT NULL> AND any(v IN n[k] WHERE v IN ids)))
        RETURN collect(n) AS pointing }
      UNWIND selves + near + pointing AS n
      WITH DISTINCT n, selves
      RETURN labels(n) AS labels, properties(n) AS props, n IN selves AS self""";

  @Test
  void theExportOfEveryPersonHoldsWhatAWalkOfTheGraphFindsAroundThem() throws Exception {
    loader.load(DemoWorldGenerator.generate(11, 24, LocalDate.of(2026, 6, 1)));
    for (ScoreKind kind : ScoreKind.values()) {
      scorer.rescoreAll(kind);
    }
    // A merged person, a consent change and reads of personal data, so that every kind of record is there.
    Map<String, Object> pair = neo4j.query("""
        MATCH (a:Account)<-[:WORKS_AT]-(c:Contact) WITH a, c ORDER BY c.id
        WITH a, collect(c.id) AS ids WHERE size(ids) >= 2 WITH a, ids ORDER BY a.id LIMIT 1 RETURN ids[0] AS a, ids[1] AS b""")
        .fetch().one().orElseThrow();
    String survivor = resolver.mergeEntities((String) pair.get("a"), (String) pair.get("b"), "test");
    graphQl.document("mutation($id: ID!) { setConsent(contactId: $id, purpose: \"marketing\", granted: false) { __typename } }")
        .variable("id", survivor).execute();
    graphQl.document("query($id: ID!) { contact(id: $id) { name email } }").variable("id", survivor).execute();
    audit.flush();

    List<String> contacts = neo4j.query("MATCH (c:Contact) RETURN c.id ORDER BY c.id").fetchAs(String.class).all().stream().toList();
    assertThat(contacts).hasSizeGreaterThan(50);
    List<String> missing = new ArrayList<>();
    int walked = 0;
    for (String id : contacts) {
      String export = JSON.writeValueAsString(privacy.export(id).orElseThrow());
      for (Map<String, Object> found : neo4j.query(WALK).bind(id).to("id").fetch().all()) {
        walked++;
        @SuppressWarnings("unchecked") Map<String, Object> props = (Map<String, Object>) found.get("props");
        String name = found.get("labels") + " " + props.getOrDefault("id", props.get("key"));
        if (!(Boolean) found.get("self") && ENTITIES.stream().anyMatch(((List<?>) found.get("labels"))::contains)) {
          // Another entity (their company): named by id, its own data is not the person's.
          if (!export.contains("\"" + props.get("id") + "\"")) {
            missing.add(id + ": " + name);
          }
          continue;
        }
        props.forEach((k, v) -> {
          for (String text : texts(v)) {
            if (!export.contains(JSON.writeValueAsString(text).replaceAll("^\"|\"$", ""))) {
              missing.add(id + ": " + name + "." + k);
            }
          }
        });
      }
    }
    System.out.printf("export walk: %d contacts, %d nodes around them%n", contacts.size(), walked);
    assertThat(missing).as("values the walk found and the export left out").isEmpty();
  }

  /** The text forms of a property value worth finding in the export (strings and lists of strings). */
  private static List<String> texts(Object v) {
    return switch (v) {
      case String s -> List.of(s);
      case List<?> l -> l.stream().flatMap(x -> texts(x).stream()).toList();
      default -> List.of();
    };
  }
}
