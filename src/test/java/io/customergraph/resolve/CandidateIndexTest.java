package io.customergraph.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The candidate index's searches within a deadline (issue #18.3: a search must honour its request's deadline). */
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
}
