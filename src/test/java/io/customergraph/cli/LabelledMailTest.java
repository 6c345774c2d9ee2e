package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customergraph.TestData;
import io.customergraph.language.Tagger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate-language}'s labelled real mail (issue #21): every labelled message is found in the mail it names and
 * tagged as ingestion tags it; per tag and split the counts add up; a malformed label is refused by its line.
 */
class LabelledMailTest {

  private final Tagger tagger = Tagger.standard(Map.of(), Set.of());

  @Test
  void everyLabelledMessageIsReadAndCountedBySplit() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LanguageEvaluation.labelledMail(TestData.path("language/labelled-mail.tsv"), tagger, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    long labelled = Files.readAllLines(TestData.path("language/labelled-mail.tsv")).stream().filter(l -> !l.startsWith("#")).count();
    assertThat(out).contains(labelled + " messages read as ingestion reads them");
    // MEETING is labelled 16 times in the dev split and 5 in the held-out one (the file says so, line by line).
    assertThat(out).containsPattern("MEETING\\s+16\\s+\\d+\\s+\\d+\\s+\\S+\\s+\\S+\\s+5\\s+\\d+");
    // Held-out mistakes are never listed, only counted.
    assertThat(out.substring(out.indexOf("dev mistakes"))).doesNotContain("held-out:");
  }

  @Test
  void aMalformedLabelOrAMessageNotInTheMailIsRefused(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("labels.tsv"), "# sources: mail\n<a@b>\tANGER\tdev\n");
    assertThatThrownBy(() -> LanguageEvaluation.labelledMail(bad, tagger, System.out)).hasMessageContaining("line 2").hasMessageContaining("unknown tag 'ANGER'");
    Path split = Files.writeString(dir.resolve("split.tsv"), "# sources: mail\n<a@b>\tMEETING\ttest\n");
    assertThatThrownBy(() -> LanguageEvaluation.labelledMail(split, tagger, System.out)).hasMessageContaining("line 2").hasMessageContaining("dev|held-out");
    Path nowhere = Files.writeString(dir.resolve("nowhere.tsv"), "# sources: gone\n<a@b>\tMEETING\tdev\n");
    assertThatThrownBy(() -> LanguageEvaluation.labelledMail(nowhere, tagger, System.out)).hasMessageContaining("names the source gone, which is not there");
    Files.createDirectories(dir.resolve("mail"));
    Files.writeString(dir.resolve("mail/1."), "From: ann@acme.example\nDate: Mon, 7 Dec 2026 10:00:00 +0000\nMessage-ID: <one@acme.example>\nSubject: hi\n\nCan we talk on Friday?\n");
    Path missing = Files.writeString(dir.resolve("missing.tsv"), "# sources: mail\n<one@acme.example>\tMEETING\tdev\n<two@acme.example>\t-\theld-out\n");
    assertThatThrownBy(() -> LanguageEvaluation.labelledMail(missing, tagger, System.out)).hasMessageContaining("1 labelled messages are not in").hasMessageContaining("<two@acme.example>");
    Path good = Files.writeString(dir.resolve("good.tsv"), "# sources: mail\n<one@acme.example>\tMEETING\tdev\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LanguageEvaluation.labelledMail(good, tagger, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("MEETING\\s+1\\s+1\\s+1\\s+1.000\\s+1.000");
    assertThat(List.of(LanguageEvaluation.PARTS.toArray())).contains("mail", "sentences");
  }
}
