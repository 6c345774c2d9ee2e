package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.language.Sentiment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate-language --sentences FILE} reads what people hand it: a header line, a byte-order mark, CRLF and
 * blank lines are fine and said; a line without a tab-separated 0/1 label is refused by its number, never read as a
 * sentence or skipped.
 */
class LabelledSentencesTest {

  @Test
  void aHeaderCrlfAndABomAreReadAndSaid(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("amazon.txt"), "\uFEFFsentence\tlabel\r\nGreat phone, works well.\t1\r\n\r\nBattery died after a week.\t0\r\n",
        StandardCharsets.UTF_8);
    LanguageEvaluation.Labelled read = LanguageEvaluation.read(file);
    assertThat(read.header()).isTrue();
    assertThat(read.blank()).isEqualTo(1);
    assertThat(read.lines()).containsExactly("Great phone, works well.\t1", "Battery died after a week.\t0");
  }

  @Test
  void aLineWithoutALabelIsRefusedByItsNumber(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.txt"), "Great phone.\t1\nBattery died.\t0\nNo label on this one\nFine.\t1\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LanguageEvaluation.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.txt line 3").hasMessageContaining("no tab");
    Path other = Files.writeString(dir.resolve("stars.txt"), "Great phone.\t5\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LanguageEvaluation.read(other)).hasMessageContaining("line 1").hasMessageContaining("label '5'");
    assertThatThrownBy(() -> LanguageEvaluation.read(dir.resolve("missing.txt"))).hasMessageContaining("no such file");
  }

  @Test
  void accuracyComesWithABootstrapIntervalAroundIt() {
    List<String> lines = List.of("I love it, wonderful service.\t1", "Terrible, rude and slow.\t0", "Awful experience, never again.\t0", "Great food and friendly staff.\t1");
    LanguageEvaluation.Accuracy a = LanguageEvaluation.accuracy(Sentiment.standard(), lines);
    assertThat(a.value()).isEqualTo(1.0);
    assertThat(a.low()).isLessThanOrEqualTo(a.value());
    assertThat(a.high()).isGreaterThanOrEqualTo(a.value());
    assertThat(LanguageEvaluation.accuracy(Sentiment.standard(), lines)).isEqualTo(a);
  }
}
