package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Clusters that hold together: chains cut where names contradict, no cluster over the cap, what was held back listed. */
class CoherentClusteringTest {

  private static final List<Comparison> THIN = Comparison.forPeople(Set.of(Field.GIVEN_NAME, Field.SURNAME, Field.CITY, Field.POSTCODE));
  private static final TermFrequencies NO_TF = (f, v) -> Double.NaN;

  private static Entry person(String id, String given, String surname) {
    Map<Field, String> v = new EnumMap<>(Field.class);
    v.put(Field.GIVEN_NAME, given);
    v.put(Field.SURNAME, surname);
    v.put(Field.CITY, "wintersloe");
    v.put(Field.POSTCODE, "3000");
    return Entry.of(id, v, null);
  }

  private static BatchResolver.ScoredPair pair(MatchModel model, List<Entry> entries, int a, int b) {
    MatchModel.Compared c = model.compare(entries.get(a), entries.get(b));
    double w = model.weight(c, entries.get(a), entries.get(b), NO_TF);
    return new BatchResolver.ScoredPair(a, b, w, Explanation.probability(w), model.veto(c) != null);
  }

  /**
   * "S. Baker" fits Sarah Baker and Sam Baker by its initial; linked pair by pair, connected components would put Sarah
   * and Sam — whose given names contradict — in one cluster. The cannot-link keeps them apart and holds the link.
   */
  @Test
  void anInitialDoesNotChainTwoPeopleWhoseNamesContradict() {
    MatchModel model = MatchModel.withPriors(THIN);
    List<Entry> entries = List.of(person("sarah", "sarah", "baker"), person("s", "s", "baker"), person("sam", "sam", "baker"));
    BatchResolver.ScoredPair sarahS = pair(model, entries, 0, 1), sSam = pair(model, entries, 1, 2), sarahSam = pair(model, entries, 0, 2);
    assertThat(sarahS.vetoed()).isFalse();
    assertThat(sSam.vetoed()).isFalse();
    assertThat(sarahSam.vetoed()).isTrue();
    // Every pair forced above the bar, as a model fooled by a shared surname and address would put them; Sarah–S. strongest.
    List<BatchResolver.ScoredPair> above = List.of(new BatchResolver.ScoredPair(0, 1, 30, 0.99999, false), new BatchResolver.ScoredPair(1, 2, 20, 0.99999, false),
        new BatchResolver.ScoredPair(0, 2, 10, 0.99999, true));
    assertThat(BatchResolver.cluster(3, above, 0.999)).as("connected components chain them").containsOnly(0);
    BatchResolver.Clusters clusters = BatchResolver.coherent(entries, above, model, NO_TF, 0.999, 25, true, null);
    assertThat(clusters.cluster()).containsExactly(0, 0, 2);
    assertThat(clusters.held()).containsEntry(above.get(1), BatchResolver.Held.CANNOT_LINK).containsEntry(above.get(2), BatchResolver.Held.VETOED);
  }

  @Test
  void aClusterOverTheCapIsNeverFormedAndItsLinksAreHeldForReview() {
    MatchModel model = MatchModel.withPriors(THIN);
    List<Entry> entries = new ArrayList<>();
    List<BatchResolver.ScoredPair> pairs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entries.add(person("p" + i, "jacob", "szczepanski"));
    }
    for (int i = 0; i + 1 < entries.size(); i++) {
      pairs.add(pair(model, entries, i, i + 1));
    }
    BatchResolver.Clusters capped = BatchResolver.coherent(entries, pairs, model, NO_TF, 0.999, 5, true, null);
    assertThat(capped.sizes().lastKey()).isLessThanOrEqualTo(5);
    assertThat(capped.held()).containsValue(BatchResolver.Held.TOO_LARGE);
    assertThat(BatchResolver.coherent(entries, pairs, model, NO_TF, 0.999, 25, true, null).sizes()).containsEntry(12, 1);
  }

  @Test
  void shortNamesWithALetterDroppedOrSwappedAreOneTypoNotAnotherName() {
    Comparison surname = Comparison.surname();
    assertThat(surname.levels().get(surname.level(person("a", "henry", "day"), person("b", "henry", "dy")))).isEqualTo("one typo");
    assertThat(surname.levels().get(surname.level(person("a", "x", "page"), person("b", "x", "paeg")))).isEqualTo("one typo");
    // One letter replaced in a short name is another name; two edits are another person.
    assertThat(surname.levels().get(surname.level(person("a", "x", "ken"), person("b", "x", "ben")))).isNotEqualTo("one typo");
    assertThat(surname.levels().get(surname.level(person("a", "x", "lanyon"), person("b", "x", "manson")))).isNotEqualTo("one typo");
  }

  @Test
  void aNameWrittenInTheOtherFieldIsComparedCrosswiseEvenWhenOneRecordHasOnlyOneName() {
    MatchModel model = MatchModel.withPriors(THIN);
    Entry surnameOnly = Entry.of("a", Map.of(Field.SURNAME, "macdonald", Field.CITY, "london"), null);
    Entry swapped = Entry.of("b", Map.of(Field.GIVEN_NAME, "macdonald", Field.SURNAME, "dylan", Field.CITY, "london"), null);
    MatchModel.Compared c = model.compare(surnameOnly, swapped);
    assertThat(c.swapped()).isTrue();
    assertThat(IdentityEvidence.contradicts(model.comparisons(), c.levels())).isFalse();
  }
}
