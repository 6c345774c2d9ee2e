package io.customergraph.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.customergraph.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchmark-real's corpus (#25): real mail grown with re-identified copies — new people and ids, the same shape, the same bytes each time. */
class RealMailCorpusTest {

  private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  @Test
  void copiesBringNewPeopleAndIdsAndTheSameInputGivesTheSameBytes(@TempDir Path dir) throws Exception {
    RealMailCorpus corpus = RealMailCorpus.read(TestData.path("email"));
    int n = corpus.originalCount();
    assertThat(n).as("the allen-p maildir and the mbox").isEqualTo(309 + 17);
    String text = Files.readString(corpus.mbox(dir.resolve("a.mbox"), 2 * n + 5), StandardCharsets.ISO_8859_1);
    assertThat(Files.readString(corpus.mbox(dir.resolve("b.mbox"), 2 * n + 5), StandardCharsets.ISO_8859_1)).isEqualTo(text);

    List<String> messages = Arrays.stream(text.split("(?m)^From corpus@example\\.invalid [^\\n]*\\n")).filter(m -> !m.isEmpty()).toList();
    assertThat(messages).hasSize(2 * n + 5);
    List<String> ids = messages.stream().map(m -> {
      Matcher id = MESSAGE_ID.matcher(m);
      return id.find() ? id.group(1) : null;
    }).toList();
    assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();

    String original = messages.get(0), copy = messages.get(n);
    assertThat(copy.length()).as("the same message, renamed").isBetween(original.length() * 95 / 100, original.length() * 105 / 100);
    List<String> before = addresses(original), after = addresses(copy);
    assertThat(after).hasSameSizeAs(before);
    assertThat(after).as("no address of the original survives in its copy").doesNotContainAnyElementsOf(before);
    assertThat(messages.get(2 * n)).as("copy 2 differs from copy 1").isNotEqualTo(copy);
  }

  @Test
  void aMessageWithCrlfLineEndsIsRenamedInItsHeadersAndBody() {
    String copy = RealMailCorpus.reidentify("Message-ID: <42@acme.example>\r\nFrom: John Smith <john.smith@acme.example>\r\n"
        + "Subject: Hello\r\n\r\nHi all, John here.\r\n", 1);
    assertThat(copy).contains("Message-ID: <r1.42@acme.example>", "Subject: Hello\r\n\r\nHi all, ")
        .doesNotContain("john.smith@acme.example", "John");
  }

  private static List<String> addresses(String message) {
    String head = message.substring(0, message.indexOf("\n\n"));
    Matcher m = ADDRESS.matcher(head);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }
}
