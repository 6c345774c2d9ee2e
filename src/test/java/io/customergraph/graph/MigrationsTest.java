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
