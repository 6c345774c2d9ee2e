package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The candidate index: searches within a deadline (#18.3), typos and look-alikes found among namesakes (#20). */
class CandidateIndexTest {

  @Test
  void aSearchPastItsDeadlineSaysSoInsteadOfAnsweringWithPartOfTheIndex() throws Exception {
    List<CsvEntries.Row> rows = CsvEntries.read(TestData.path("resolution/dataset2.csv"), Map.of(), "rec_id");
    try (CandidateIndex index = new CandidateIndex()) {
      for (CsvEntries.Row r : rows) {
        index.put(r.entry());
      }
      index.refresh();
      Entry query = Entry.of("q", Map.of(Field.GIVEN_NAME, "sarah", Field.SURNAME, "bruhn"), null);

      assertThat(index.candidates(query, 10, Duration.ofSeconds(30))).extracting(Entry::id).contains("rec-2778-org");
      // No time left: Lucene stops scoring at its first check, and the caller hears so.
      assertThatThrownBy(() -> index.candidates(query, 10, Duration.ZERO))
          .isInstanceOf(CandidateIndex.TimedOut.class).hasMessageContaining("ran longer than PT0S");
      // Without a deadline (ingestion's own resolution) nothing changes.
      assertThat(index.candidates(query, 10)).extracting(Entry::id).contains("rec-2778-org");
    }
  }

  /**
   * A town of forty neighbours sharing a common surname, town and postcode: a duplicate with a typo in the first letter of
   * its given name, a letter dropped from its surname, or a digit for a letter, is still among its ten candidates
   * (Lucene's fuzzy query kept the first letter fixed, and neighbours agreeing exactly on surname and place outranked
   * the person themselves).
   */
  @Test
  void typosAnywhereInANameAndLookAlikeDigitsAreFoundAmongNamesakes() {
    String[] given = {"anna", "ben", "carl", "dora", "emil", "fay", "gus", "hana", "ivan", "jill"};
    try (CandidateIndex index = new CandidateIndex()) {
      for (int i = 0; i < 40; i++) {
        index.put(Entry.of("n" + i, Map.of(Field.GIVEN_NAME, given[i % given.length] + i, Field.SURNAME, "cauthen", Field.CITY, "kingston",
            Field.POSTCODE, "2604"), null));
      }
      index.put(Entry.of("theodore", Map.of(Field.GIVEN_NAME, "theodore", Field.SURNAME, "cauthen", Field.CITY, "kingston", Field.POSTCODE, "2604"), null));
      index.put(Entry.of("vincent", Map.of(Field.GIVEN_NAME, "vincent", Field.SURNAME, "hardison", Field.CITY, "kingston", Field.POSTCODE, "2604"), null));
      index.refresh();
      assertThat(index.candidates(Entry.of("q1", Map.of(Field.GIVEN_NAME, "ctheodore", Field.SURNAME, "cauthn", Field.CITY, "kingston", Field.POSTCODE, "2604"), null), 10))
          .extracting(Entry::id).contains("theodore");
      assertThat(index.candidates(Entry.of("q2", Map.of(Field.GIVEN_NAME, "vincemt", Field.SURNAME, "hardis0n", Field.CITY, "kingston", Field.POSTCODE, "2640"), null), 10))
          .extracting(Entry::id).contains("vincent");
      assertThat(Entry.of("q3", Map.of(Field.SURNAME, "HARDIS0N"), null).get(Field.SURNAME)).isEqualTo("hardison");
    }
  }

  /** One person's address forms at one organisation are candidates for each other, across its sub-domains (#20). */
  @Test
  void addressFormsAtOneOrganisationAreCandidates() {
    assertThat(CandidateIndex.shortForm("harry.arora@enron.com")).isEqualTo("harora@enron.com");
    assertThat(CandidateIndex.shortForm("h..arora@ect.enron.com")).isEqualTo("harora@enron.com");
    assertThat(CandidateIndex.shortForm("harora@ect.enron.com")).isEqualTo("harora@enron.com");
    try (CandidateIndex index = new CandidateIndex()) {
      for (int i = 0; i < 40; i++) {
        index.put(Entry.of("c" + i, Map.of(Field.FULL_NAME, "Person" + i + " Arorason", Field.EMAIL, "person" + i + ".arorason@enron.com", Field.COMPANY, "Enron"), null));
      }
      index.put(Entry.of("harry", Map.of(Field.EMAIL, "harry.arora@enron.com", Field.COMPANY, "Enron"), null));
      index.refresh();
      assertThat(index.candidates(Entry.of("q", Map.of(Field.FULL_NAME, "Harpreet", Field.EMAIL, "harora@ect.enron.com", Field.COMPANY, "Enron"), null), 10))
          .extracting(Entry::id).contains("harry");
    }
  }

  /**
   * Issue #25: at one company of many people, a new person's candidates for a decision share something personal with
   * them (here the surname); colleagues who share only the company and domain are not candidates — they were all
   * scored for every new person of a real mailbox, and no decision can come of them. Batch resolution still sees them:
   * its EM learns from the candidate pairs, non-matches included.
   */
  @Test
  void aPersonsCandidatesShareSomethingPersonalButBatchResolutionSeesThePlaceOnlyPairsToo() {
    try (CandidateIndex index = new CandidateIndex()) {
      for (int i = 0; i < 30; i++) {
        index.put(Entry.of("col" + i, Map.of(Field.GIVEN_NAME, "given" + (char) ('a' + i % 26) + i, Field.SURNAME, "surname" + i,
            Field.EMAIL, "person" + i + "@konen.example", Field.COMPANY, "konen"), null), i);
      }
      index.put(Entry.of("kin", Map.of(Field.GIVEN_NAME, "mara", Field.SURNAME, "okafor", Field.EMAIL, "mara.okafor@konen.example",
          Field.COMPANY, "konen"), null), 30);
      index.refresh();
      Entry newcomer = Entry.of("new", Map.of(Field.GIVEN_NAME, "tolu", Field.SURNAME, "okafor", Field.EMAIL, "tolu.okafor@konen.example",
          Field.COMPANY, "konen"), null);
      assertThat(index.candidates(newcomer, 10)).extracting(Entry::id).containsExactly("kin");
      assertThat(index.candidateOrdinals(newcomer, 10, -1)).hasSize(10);
    }
  }

  /**
   * Organisation words are searched within a typo, each word expanded into the index's terms once per reader (cached):
   * a company written after the expansion was cached, with a typo of a word searched before, is found once visible.
   */
  @Test
  void aCompanyWrittenAfterItsWordWasSearchedIsFoundWithATypo() {
    try (CandidateIndex index = new CandidateIndex()) {
      for (int i = 0; i < 20; i++) {
        index.put(Entry.of("a" + i, Map.of(Field.COMPANY, "Filler Holdings " + (char) ('a' + i) + "x"), null));
      }
      index.put(Entry.of("acme", Map.of(Field.COMPANY, "Acme Riverside Laboratories"), null));
      index.refresh();
      Entry query = Entry.of("q", Map.of(Field.COMPANY, "Riverside Laboratories Acme"), null);
      assertThat(index.candidates(query, 5)).extracting(Entry::id).containsExactly("acme");

      index.put(Entry.of("typo", Map.of(Field.COMPANY, "Riversyde Laboratoires"), null));
      index.refresh();

      assertThat(index.candidates(query, 5)).extracting(Entry::id).containsExactly("acme", "typo");
    }
  }
}
