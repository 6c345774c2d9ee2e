package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.resolve.Evaluation;
import io.customergraph.resolve.Field;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer Duke 1.2 as {@code evaluate-resolution} runs it: from the jars the build copies to {@code target/duke}, in
 * its own JVM, on records we write. Eight Febrl dataset1 records, four true pairs among them — one with given name and
 * surname exchanged, one with another surname and no street, one with a mistyped surname and another town — which
 * Duke's automatic choice of lookup properties never made candidates (only the record itself was found); with every
 * name, identifier and address property a lookup property it finds all four and nothing else.
 */
class DukePeerIT {

  private static final Path DUKE = Path.of("target", "duke");

  @Test
  void dukeFindsTheFebrlPairsItsDefaultLookupMissed(@TempDir Path work) throws Exception {
    assertThat(DukePeer.home(Map.of("duke", DUKE.toString()))).as("the build copies Duke to target/duke").isPresent();
    List<String> ids = List.of("rec-223-org", "rec-344-org", "rec-478-org", "rec-344-dup-0", "rec-186-org", "rec-478-dup-0", "rec-223-dup-0", "rec-186-dup-0");
    List<Map<Field, String>> rows = List.of(
        row("", "waller", "19081209", "6", "tullaroop street", "willaroo", "st james", "4011", "wa", "6988048"),
        row("", "julius", "19630521", "52", "florey drive", "north stirling downs", "coolaroo", "2259", "qld", "1797144"),
        row("anthony", "beazley", "19730924", "12", "birubi place", "currandina", "flemington", "2477", "qld", "6558077"),
        row("", "stephenson", "19630521", "52", "", "north stirilng downs", "coolaroo", "2259", "qld", "1797144"),
        row("dakota", "morrison", "19151229", "33", "longmore crescent", "three acres", "brookvale", "2710", "nsw", "5031530"),
        row("beazley", "anthony", "19730924", "12", "birubi place", "currandina", "flemington", "2477", "qld", "6558077"),
        row("jamilla", "wallner", "19081209", "6", "tullaroop street", "willaroo", "st james", "4011", "wa", "6988048"),
        row("dakota", "moreoin", "19151229", "33", "longmor ecrescent", "three acres", "forrestfield", "2710", "nsw", "5031530"));
    int[] truth = {223, 344, 478, 344, 186, 478, 223, 186};
    Set<Field> fields = rows.get(0).keySet();

    DukePeer.Run run = DukePeer.run(DUKE, ids, rows, fields, DukePeer.THRESHOLD, work);

    assertThat(run.finished()).isTrue();
    Evaluation e = Evaluation.of(run.cluster(ids), truth);
    assertThat(e.recall()).as("links %s", run.links()).isEqualTo(1.0);
    assertThat(e.precision()).as("links %s", run.links()).isEqualTo(1.0);
  }

  @Test
  void withNoFieldDukeKnowsTheRunIsRefusedByName(@TempDir Path work) {
    assertThatThrownBy(() -> DukePeer.run(DUKE, List.of("a"), List.of(Map.of()), Set.of(Field.CONTEXT), 0.95, work))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONTEXT");
  }

  @Test
  void aMissingDukeDirectoryIsNoPeer() {
    assertThat(DukePeer.home(Map.of("duke", "no-such-directory"))).isEqualTo(Optional.empty());
  }

  private static Map<Field, String> row(String given, String surname, String dob, String number, String address, String address2, String town, String postcode,
      String state, String nationalId) {
    Map<Field, String> r = new EnumMap<>(Field.class);
    r.put(Field.GIVEN_NAME, given);
    r.put(Field.SURNAME, surname);
    r.put(Field.DOB, dob);
    r.put(Field.STREET_NUMBER, number);
    r.put(Field.ADDRESS, address);
    r.put(Field.ADDRESS2, address2);
    r.put(Field.CITY, town);
    r.put(Field.POSTCODE, postcode);
    r.put(Field.STATE, state);
    r.put(Field.NATIONAL_ID, nationalId);
    return r;
  }
}
