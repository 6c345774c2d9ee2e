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

  @Test
  void uIsLearntAgainWhenAnImportHasDoubledTheGraph() {
    // The first import into a new graph was resolved under the prior u: start-up learnt from an empty graph.
    entityIndex.rebuild();
    MatchModel prior = entityIndex.model(EntityKind.CONTACT);
    int given = prior.comparisons().indexOf(prior.comparisons().stream().filter(c -> c.field() == Field.GIVEN_NAME).findFirst().orElseThrow());
    assertThat(prior.u(given, 0)).as("the documented prior").isEqualTo(0.01);
    cypher("""
        UNWIND range(1, 260) AS i
        CREATE (:Contact {id: 'con_i' + i, name: 'Given' + (i % 40) + ' Family' + i, email: 'person' + i + '@example' + (i % 9) + '.org',
                          emails: ['person' + i + '@example' + (i % 9) + '.org']})""");
    List<String> ids = java.util.stream.IntStream.rangeClosed(1, 260).mapToObj(i -> "con_i" + i).toList();

    entityIndex.refresh(EntityKind.CONTACT, ids.subList(0, 150));
    assertThat(entityIndex.model(EntityKind.CONTACT).u(given, 0)).as("150 people: too few to learn from").isEqualTo(0.01);
    entityIndex.refresh(EntityKind.CONTACT, ids.subList(150, 260));

    // 260 people, 40 given names among them: two strangers share a given name about one time in forty.
    assertThat(entityIndex.model(EntityKind.CONTACT).u(given, 0)).isBetween(0.015, 0.04);
  }

  @Test
  void theEmailsMIsLearntFromTheGraphsOwnPairs() {
    // 130 people, each twice: once at a first.last mailbox, once at another mailbox of the same organisation. A graph
    // keyed by address never holds one address twice, so a person's records differ there — the documented prior (a
    // file's copies mostly share one address) charged every such pair for it.
    cypher("""
        UNWIND range(1, 130) AS i
        CREATE (:Contact {id: 'con_a' + i, name: 'Given' + i + ' Family' + i, email: 'given' + i + '.family' + i + '@example' + (i % 9) + '.org',
                          emails: ['given' + i + '.family' + i + '@example' + (i % 9) + '.org']})
        CREATE (:Contact {id: 'con_b' + i, name: 'Given' + i + ' Family' + i, email: 'desk' + i + '@example' + (i % 9) + '.org',
                          emails: ['desk' + i + '@example' + (i % 9) + '.org']})""");
    entityIndex.rebuild();
    MatchModel model = entityIndex.model(EntityKind.CONTACT);
    int email = model.comparisons().stream().map(Comparison::field).toList().indexOf(Field.EMAIL);
    int sameDomain = model.comparisons().get(email).levels().indexOf("same domain");
    assertThat(model.degenerate()).isNull();
    assertThat(model.m(email, sameDomain)).as("learnt: nearly every true pair is at one organisation").isGreaterThan(0.6);
    int given = model.comparisons().stream().map(Comparison::field).toList().indexOf(Field.GIVEN_NAME);
    // Names keep their prior m (made consistent with the graph's u, as every m is), not what EM would make of them.
    int levels = model.comparisons().get(given).levels().size();
    double[] prior = new double[levels], u = new double[levels], m = new double[levels];
    for (int l = 0; l < levels; l++) {
      prior[l] = MatchModel.withPriors(model.comparisons()).m(given, l);
      u[l] = model.u(given, l);
      m[l] = model.m(given, l);
    }
    MatchModel.monotone(prior, u);
    assertThat(m).containsExactly(prior, org.assertj.core.data.Offset.offset(1e-12));
  }
}
