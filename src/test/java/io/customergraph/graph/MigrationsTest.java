package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.GraphSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MigrationsTest extends GraphSupport {

  @Autowired Migrations migrations;

  @Test
  void appliesEveryScriptOnceAndRecordsIt() {
    List<Integer> versions = Migrations.scripts().stream().map(Migrations.Script::version).toList();
    assertThat(versions).isNotEmpty().isSorted();
    assertThat(migrations.appliedVersions()).containsExactlyElementsOf(versions);
    assertThat(migrations.apply()).as("second run applies nothing").isEmpty();
  }

  @Test
  void rerunningEveryStatementChangesNothing() {
    long constraints = count("SHOW CONSTRAINTS YIELD name RETURN count(*)");
    long indexes = count("SHOW INDEXES YIELD name RETURN count(*)");
    cypher("MATCH (m:__Migration) DELETE m");
    assertThat(migrations.apply()).hasSize(Migrations.scripts().size());
    assertThat(count("SHOW CONSTRAINTS YIELD name RETURN count(*)")).isEqualTo(constraints);
    assertThat(count("SHOW INDEXES YIELD name RETURN count(*)")).isEqualTo(indexes);
  }

  /**
   * Issue #23: two instances started together on an empty database both create the same indexes; Neo4j refuses the
   * second CREATE … IF NOT EXISTS of a rule the first is creating ("An equivalent index already exists"), and one
   * instance failed to start. Here four appliers run at once on a schema emptied of what the scripts create.
   */
  @Test
  void severalInstancesMigratingAtOnceAllStart() throws Exception {
    long constraints = count("SHOW CONSTRAINTS YIELD name RETURN count(*)");
    long indexes = count("SHOW INDEXES YIELD name RETURN count(*)");
    List<String> drops = new java.util.ArrayList<>();
    drops.addAll(neo4j.query("SHOW CONSTRAINTS YIELD name RETURN 'DROP CONSTRAINT ' + name").fetchAs(String.class).all());
    drops.addAll(neo4j.query("SHOW INDEXES YIELD name, type, owningConstraint WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN 'DROP INDEX ' + name")
        .fetchAs(String.class).all());
    drops.forEach(this::cypher);
    cypher("MATCH (m:__Migration) DELETE m");

    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
    List<java.util.concurrent.Future<List<Integer>>> runs = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> {
          together.await();
          return migrations.apply();
        }));
      }
      for (var run : runs) {
        run.get(); // throws if that instance failed
      }
    }
    assertThat(migrations.appliedVersions()).containsExactlyElementsOf(Migrations.scripts().stream().map(Migrations.Script::version).toList());
    assertThat(count("SHOW CONSTRAINTS YIELD name RETURN count(*)")).isEqualTo(constraints);
    assertThat(count("SHOW INDEXES YIELD name RETURN count(*)")).isEqualTo(indexes);
  }

  @Test
  void everyNodeLabelHasAUniqueId() {
    for (NodeKind kind : NodeKind.values()) {
      long n =
          neo4j
              .query(
                  "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' AND $label IN labelsOrTypes AND properties = ['id'] RETURN count(*)")
              .bind(kind.label())
              .to("label")
              .fetchAs(Long.class)
              .one()
              .orElseThrow();
      assertThat(n).as("unique id on %s", kind.label()).isEqualTo(1);
    }
  }

  @Test
  void uniquenessIsEnforcedByTheDatabase() {
    cypher("CREATE (:Account {id: 'acc_dup', name: 'A'})");
    assertThatThrownBy(() -> cypher("CREATE (:Account {id: 'acc_dup', name: 'B'})")).hasMessageContaining("already exists");
    cypher("CREATE (:SourceRecord {id: 'src_1', key: 'x:1'})");
    assertThatThrownBy(() -> cypher("CREATE (:SourceRecord {id: 'src_2', key: 'x:1'})")).hasMessageContaining("already exists");
  }

  @Test
  void refusesToStartWhenAnAppliedScriptWasEdited() {
    cypher("MATCH (m:__Migration {version: 1}) SET m.checksum = 'edited'");
    try {
      assertThatThrownBy(migrations::apply).hasMessageContaining("V1").hasMessageContaining("changed after it was applied");
    } finally {
      cypher("MATCH (m:__Migration) DELETE m");
      migrations.apply();
    }
  }

  @Test
  void splitsScriptsIntoStatementsSkippingComments() {
    List<String> statements =
        Migrations.statements(
            """
            // a comment; with a semicolon
            CREATE INDEX a IF NOT EXISTS
              FOR (n:A) ON (n.x);

            CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);
            """);
    assertThat(statements)
        .containsExactly("CREATE INDEX a IF NOT EXISTS\n  FOR (n:A) ON (n.x)", "CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)");
  }
}
