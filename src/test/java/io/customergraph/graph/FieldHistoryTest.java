package io.customergraph.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An own field's values over time: the baseline, changes dated by the file or the import, read as of a moment. */
class FieldHistoryTest {

  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void theFirstValueIsAnUndatedBaselineAndALaterChangeIsDatedByItsImport() {
    List<FieldHistory.Entry> h = FieldHistory.merge(List.of(), null, "gold", null, JAN);
    assertThat(FieldHistory.at(h, Instant.EPOCH)).as("a snapshot's first value holds at any moment").isEqualTo("gold");
    h = FieldHistory.merge(h, null, "silver", null, MAR);
    assertThat(FieldHistory.at(h, JAN)).isEqualTo("gold");
    assertThat(FieldHistory.at(h, MAR)).isEqualTo("silver");
    assertThat(FieldHistory.current(h)).isEqualTo("silver");
    assertThat(FieldHistory.since(h)).isEqualTo(MAR);
    assertThat(FieldHistory.merge(h, null, "silver", null, JUN)).as("the same value again changes nothing").isEqualTo(h);
  }

  @Test
  void aFieldFilledInLaterIsEmptyBeforeItsImport() {
    // The cancellation reason column was blank at the first import and filled in when the customer left.
    List<FieldHistory.Entry> h = FieldHistory.merge(List.of(), null, "", null, JAN);
    h = FieldHistory.merge(h, null, "moved to a competitor", null, JUN);
    assertThat(FieldHistory.at(h, MAR)).isNull();
    assertThat(FieldHistory.at(h, JUN)).isEqualTo("moved to a competitor");
  }

  @Test
  void timesGivenByTheFileOrderTheValuesWhateverTheImportOrderAndSurviveEncoding() {
    List<FieldHistory.Entry> h = FieldHistory.merge(List.of(), null, "3", JUN, Instant.now());
    assertThat(FieldHistory.at(h, MAR)).as("a dated first value is not known before its time").isNull();
    h = FieldHistory.merge(h, null, "1", JAN, Instant.now());
    h = FieldHistory.merge(h, null, "2", MAR, Instant.now());
    assertThat(h).extracting(FieldHistory.Entry::value).containsExactly("1", "2", "3");
    assertThat(FieldHistory.current(h)).as("an older snapshot imported last does not become the value now").isEqualTo("3");
    assertThat(FieldHistory.merge(h, null, "2b", MAR, Instant.now())).as("a corrected snapshot replaces its moment")
        .extracting(FieldHistory.Entry::value).containsExactly("1", "2b", "3");
    assertThat(FieldHistory.decode(FieldHistory.encode(h))).isEqualTo(h);
    assertThat(FieldHistory.decode(FieldHistory.encode(List.of(new FieldHistory.Entry(null, "a|b"))))).extracting(FieldHistory.Entry::value)
        .containsExactly("a|b");
  }

  @Test
  void aValueWrittenBeforeHistoriesWereKeptBecomesTheBaseline() {
    List<FieldHistory.Entry> h = FieldHistory.merge(List.of(), "gold", "silver", null, MAR);
    assertThat(FieldHistory.at(h, JAN)).isEqualTo("gold");
    assertThat(FieldHistory.at(h, JUN)).isEqualTo("silver");
    assertThat(FieldHistory.property("field_plan")).isEqualTo("fieldHistory_plan");
  }
}
