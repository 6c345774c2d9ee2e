package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Organisations written in free order, with department and address (the shape of the Leipzig affiliation strings):
 * compared word by word, weighted by how telling each word is among the records at hand.
 */
class WordWeightsTest {

  private static Entry org(String id, String text) {
    return Entry.of(id, Map.of(Field.COMPANY, text), null);
  }

  /** Forty affiliations: many universities and departments, few records per place. */
  private static List<Entry> affiliations() {
    List<Entry> out = new ArrayList<>();
    String[] places = {"Leeds", "Riverside", "Almaden", "Toronto", "Magdeburg", "Helsinki", "Irvine", "Pittsburgh", "Singapore", "Maryland"};
    for (int i = 0; i < places.length; i++) {
      out.add(org("u" + i, "Department of Computer Science, University of " + places[i]));
      out.add(org("v" + i, "University of " + places[i] + ", Computer Science Department"));
      out.add(org("w" + i, "Dept. of Computer Science, " + places[i] + " University, USA"));
      out.add(org("x" + i, "School of Engineering, University of " + places[i]));
    }
    return out;
  }

  @Test
  void aRareWordOutweighsTheCommonOnes() {
    List<Entry> records = affiliations();
    WordWeights words = WordWeights.counted(records, Field.COMPANY);
    assertThat(words.idf("riverside")).isGreaterThan(2 * words.idf("university"));
    assertThat(words.idf("of")).isLessThan(words.idf("engineering"));
    assertThat(words.idf("never seen")).as("a word no record holds counts as held by one").isEqualTo(Math.log(40));
    String riverside = records.get(4).get(Field.COMPANY);
    assertThat(words.telling(riverside, 1)).containsExactly("riverside");
  }

  @Test
  void theSamePlaceInAnotherOrderSharesItsTellingWordsAnotherPlaceDoesNot() {
    List<Entry> records = affiliations();
    WordWeights words = WordWeights.counted(records, Field.COMPANY);
    Comparison weighted = Comparison.company(false).withWordWeights(words);
    assertThat(weighted.readsWords()).isTrue();
    Entry a = records.get(4), b = records.get(5); // Riverside, in two orders
    Entry other = records.get(0); // Leeds, the same words otherwise
    // Letter by letter the two orders are far apart; word by word they are the same organisation.
    assertThat(Comparison.company(false).levels().get(Comparison.company(false).level(a, b))).isEqualTo("different");
    assertThat(weighted.levels().get(weighted.level(a, b))).isEqualTo("telling words shared >= 0.8");
    assertThat(words.overlap(a.get(Field.COMPANY), b.get(Field.COMPANY))).isGreaterThan(0.8);
    assertThat(words.overlap(a.get(Field.COMPANY), other.get(Field.COMPANY))).isLessThan(0.5);
    assertThat(weighted.levels().get(weighted.level(a, other))).isNotIn("telling words shared >= 0.8", "telling words shared >= 0.5");
    // A short form held whole by a long one (department, address) is the organisation again.
    Entry ibm = org("i1", "IBM Almaden");
    Entry longForm = org("i2", "IBM Almaden Research Center, 650 Harry Road, San Jose, CA 95120, USA");
    WordWeights withIbm = WordWeights.counted(concat(records, ibm, longForm), Field.COMPANY);
    Comparison c = Comparison.company(false).withWordWeights(withIbm);
    assertThat(c.levels().get(c.level(ibm, longForm))).isEqualTo("telling words shared >= 0.8");
  }

  @Test
  void aWordReplacedIsNeverTheStrongWordLevel() {
    List<Entry> records = new ArrayList<>(affiliations());
    Entry capital = org("y1", "Yellowstone Capital AG"), analytics = org("y2", "Yellowstone Analytics LLC");
    records.add(capital);
    records.add(analytics);
    Comparison c = Comparison.company(true).withWordWeights(WordWeights.counted(records, Field.COMPANY));
    assertThat(c.levels().get(c.level(capital, analytics))).isNotIn("exact", "jaro-winkler >= 0.92", "telling words shared >= 0.8");
  }

  @Test
  void comparisonsThatReadNoWordsAreLeftAsTheyAre() {
    Comparison phone = Comparison.phone();
    assertThat(phone.readsWords()).isFalse();
    assertThat(phone.withWordWeights(WordWeights.counted(affiliations(), Field.COMPANY))).isSameAs(phone);
    assertThat(BatchResolver.weighted(List.of(phone, Comparison.company()), affiliations()).get(1).levels())
        .contains("word-vector cosine >= 0.80", "telling words shared >= 0.8", "telling words shared >= 0.5");
  }

  private static List<Entry> concat(List<Entry> records, Entry... more) {
    List<Entry> out = new ArrayList<>(records);
    out.addAll(List.of(more));
    return out;
  }
}
