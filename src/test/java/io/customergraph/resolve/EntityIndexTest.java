package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.GraphSupport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The candidate index as derived state: what the graph no longer holds, search no longer finds. */
class EntityIndexTest extends GraphSupport {

  @AfterEach
  void noHook() {
    entityIndex.afterReindexPageRead = null;
  }

  @Test
  void aContactDeletedWhileTheIndexIsRefreshedForNewWordVectorsDoesNotComeBack() {
    // Session 17's CI: an erased person was found by search again. The erasure deleted him from the graph and the
    // index while a refresh for retrained word vectors (started by an earlier erasure) had already read him, and that
    // refresh put him back.
    cypher("""
        CREATE (:Contact {id: 'con_gone', name: 'Phillip Allen', email: 'phillip.allen@enron.invalid', emails: ['phillip.allen@enron.invalid']})
        CREATE (:Contact {id: 'con_stay', name: 'Jane Doe', email: 'jane@doe.invalid', emails: ['jane@doe.invalid']})""");
    entityIndex.rebuild();
    entityIndex.afterReindexPageRead = () -> {
      entityIndex.afterReindexPageRead = null;
      // Beside the reindex, as an erasure does: delete from the graph, then tell the index.
      cypher("MATCH (c:Contact {id: 'con_gone'}) DETACH DELETE c");
      entityIndex.refresh(EntityKind.CONTACT, List.of("con_gone"));
    };

    entityIndex.refreshVectors();

    CandidateIndex contacts = entityIndex.index(EntityKind.CONTACT);
    assertThat(contacts.candidates(entityIndex.query(EntityKind.CONTACT, "Phillip Allen"), 10)).extracting(Entry::id)
        .doesNotContain("con_gone");
    assertThat(contacts.candidates(entityIndex.query(EntityKind.CONTACT, "Jane Doe"), 10)).extracting(Entry::id)
        .contains("con_stay");
  }
}
