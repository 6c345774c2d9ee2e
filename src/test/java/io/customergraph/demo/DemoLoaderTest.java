package io.customergraph.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DemoLoaderTest extends GraphSupport {

  private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 1);

  @Autowired DemoLoader loader;

  @Test
  void loadsIntoAnEmptyDatabaseOnceOnly() {
    DemoWorld world = DemoWorldGenerator.generate(5, 25, ANCHOR);
    assertThat(loader.loadIfEmpty(5, 25, ANCHOR).state()).isEqualTo(DemoLoader.State.LOADED);
    assertThat(count("MATCH (a:Account) RETURN count(a)")).isEqualTo(world.accounts().size());
    assertThat(count("MATCH (c:Contact)-[:WORKS_AT]->(:Account) RETURN count(c)")).isEqualTo(world.contacts().size());
    assertThat(count("MATCH (e:Email) RETURN count(e)")).isEqualTo(world.emails().size());
    long nodes = count("MATCH (n) WHERE NOT n:AuditEvent RETURN count(n)");
    assertThat(count("MATCH (s:SourceRecord {source: 'demo'})-[:PRODUCED]->() RETURN count(s)")).isEqualTo(world.size());

    assertThat(loader.loadIfEmpty(5, 25, ANCHOR).state()).isEqualTo(DemoLoader.State.ALREADY_LOADED);
    assertThat(loader.loadIfEmpty(6, 50, ANCHOR).state()).as("even with another seed").isEqualTo(DemoLoader.State.ALREADY_LOADED);
    assertThat(count("MATCH (n) WHERE NOT n:AuditEvent RETURN count(n)")).isEqualTo(nodes);
  }

  @Test
  void leavesADatabaseWithOtherDataAlone() {
    cypher("CREATE (:Account {id: 'acc_mine', name: 'Mine', nameSort: 'mine', status: 'CUSTOMER'})");
    assertThat(loader.loadIfEmpty(5, 25, ANCHOR).state()).isEqualTo(DemoLoader.State.SKIPPED_NOT_EMPTY);
    assertThat(count("MATCH (a:Account) RETURN count(a)")).isEqualTo(1);
  }

  @Test
  void anInterruptedLoadIsCompletedWithoutDuplicates() {
    DemoWorld world = DemoWorldGenerator.generate(5, 25, ANCHOR);
    // Simulate a crash after the first part: marker says LOADING, some accounts exist.
    cypher("CREATE (:__Meta {key: 'demo-world', state: 'LOADING'})");
    loader.load(DemoWorldGenerator.generate(5, 3, ANCHOR));
    cypher("MATCH (m:__Meta {key: 'demo-world'}) SET m.state = 'LOADING'");
    assertThat(loader.loadIfEmpty(5, 25, ANCHOR).state()).isEqualTo(DemoLoader.State.LOADED);
    assertThat(count("MATCH (a:Account) RETURN count(a)")).isEqualTo(world.accounts().size());
  }
}
