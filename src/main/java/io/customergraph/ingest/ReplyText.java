package io.customergraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits an email body into the new text of the message, the quoted history below it and the signature at its end.
 * Only the new text is what the sender said in this message; language signals and word vectors use only it.
 *
 * @param newText what the sender wrote in this message, without signature
 * @param quoted the history below (original messages, forwards, "&gt;" quotes), or null
 * @param signature the sign-off block (name, title, phone, company), or null
 */
public record ReplyText(String newText, @Nullable String quoted, @Nullable String signature) {

  /** Where quoted history starts: Outlook and Lotus separators, "On … wrote:", forwarded blocks, "&gt;" quotes. */
  private static final List<Pattern> HISTORY =
      List.of(
          Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}.*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*-{3,}\\s*Forwarded by .*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*-{3,}\\s*Forwarded message\\s*-{3,}.*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*Begin forwarded message:.*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*On .{4,200}wrote:\\s*$"),
          Pattern.compile("^\\s*>.*$"),
          Pattern.compile("^\\s*From:\\s+.+\\s+(?:Sent|Date):\\s+.*$"),
          Pattern.compile("^\\s*_{10,}\\s*$"));

  /** Words that end a message just before the sender's name. */
  private static final Pattern CLOSING =
      Pattern.compile(
          "^\\s*(thanks|thank you|many thanks|regards|best regards|kind regards|best|cheers|sincerely|yours|talk soon|br|rgds)[,.!]*\\s*$",
          Pattern.CASE_INSENSITIVE);

  /** Longest block taken as a signature; longer trailing blocks are content. */
  private static final int MAX_SIGNATURE_LINES = 7;
  private static final int MAX_SIGNATURE_LINE = 70;

  /** Splits a plain-text body. */
  public static ReplyText split(String body) {
    String text = body.replace("\r\n", "\n").replace('\r', '\n');
    List<String> lines = List.of(text.split("\n", -1));
    int history = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (HISTORY.stream().anyMatch(p -> p.matcher(line).matches()) || isHeaderBlock(lines, i)) {
        history = i;
        break;
      }
    }
    String quoted = history < lines.size() ? String.join("\n", lines.subList(history, lines.size())).strip() : null;
    List<String> own = trimTrailingBlank(new ArrayList<>(lines.subList(0, history)));

    int sigStart = signatureStart(own);
    String signature = null;
    if (sigStart >= 0 && sigStart < own.size()) {
      signature = String.join("\n", own.subList(sigStart, own.size())).strip();
      own = trimTrailingBlank(new ArrayList<>(own.subList(0, sigStart)));
      if (!own.isEmpty() && own.get(own.size() - 1).strip().equals("--")) {
        own = trimTrailingBlank(new ArrayList<>(own.subList(0, own.size() - 1)));
      }
    }
    return new ReplyText(
        String.join("\n", own).strip(),
        quoted == null || quoted.isEmpty() ? null : quoted,
        signature == null || signature.isEmpty() ? null : signature);
  }

  /** An Outlook-style "From: … / Sent: … / To: …" block starting at line i. */
  private static boolean isHeaderBlock(List<String> lines, int i) {
    if (!lines.get(i).strip().toLowerCase(Locale.ROOT).startsWith("from:")) {
      return false;
    }
    int headers = 0;
    for (int j = i; j < Math.min(lines.size(), i + 6); j++) {
      String l = lines.get(j).strip().toLowerCase(Locale.ROOT);
      if (l.startsWith("from:") || l.startsWith("sent:") || l.startsWith("date:") || l.startsWith("to:") || l.startsWith("subject:") || l.startsWith("cc:")) {
        headers++;
      }
    }
    return headers >= 3;
  }

  /** Index of the first signature line in the message's own lines, or -1. */
  private static int signatureStart(List<String> own) {
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i).equals("-- ") || own.get(i).equals("--")) {
        return i + 1 < own.size() ? i + 1 : -1;
      }
    }
    // A closing word ("Thanks,") followed by a short block: the block after it is the signature.
    for (int i = own.size() - 2; i >= Math.max(0, own.size() - MAX_SIGNATURE_LINES - 1); i--) {
      if (CLOSING.matcher(own.get(i)).matches()) {
        return short_(own.subList(i + 1, own.size())) ? i + 1 : -1;
      }
    }
    // Otherwise the last paragraph, when it is short and carries a phone number (Enron's "Phillip\n713-853-7041").
    int lastBlank = -1;
    for (int i = own.size() - 1; i >= 0; i--) {
      if (own.get(i).isBlank()) {
        lastBlank = i;
        break;
      }
    }
    List<String> block = own.subList(lastBlank + 1, own.size());
    if (lastBlank >= 0 && short_(block) && block.stream().anyMatch(l -> l.matches(".*\\d{3}[\\s.-]?\\d{3,4}[\\s.-]?\\d{3,4}.*"))) {
      return lastBlank + 1;
    }
    return -1;
  }

  private static boolean short_(List<String> block) {
    return !block.isEmpty()
        && block.size() <= MAX_SIGNATURE_LINES
        && block.stream().allMatch(l -> l.strip().length() <= MAX_SIGNATURE_LINE);
  }

  private static List<String> trimTrailingBlank(List<String> lines) {
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
