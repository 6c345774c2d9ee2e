package io.customergraph.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.customergraph.ingest.IngestKind;
import io.customergraph.ingest.RecordSource;

/**
 * Real mail made bigger without changing its shape: the messages of a real mailbox (a maildir tree and mbox files),
 * then re-identified copies of them until there are enough. Copy {@code k} renames every person and company
 * consistently — each name token and domain label of the headers becomes a made-up word of the same length chosen by
 * a hash of (k, token), in headers and in the body where the token is written capitalised — and gives every
 * Message-ID, In-Reply-To and References a copy prefix. So each copy brings as many new people, addresses, companies,
 * threads and quoted histories as the original, and nothing in it is stored already. Deterministic: the same input
 * and count give the same bytes.
 */
final class RealMailCorpus {

  private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%+'-]+)@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
  private static final Pattern ID_HEADER = Pattern.compile("^(Message-ID|In-Reply-To|References):", Pattern.CASE_INSENSITIVE);
  private static final Pattern PEOPLE_HEADER = Pattern.compile("^(From|To|Cc|Bcc|Reply-To|Sender|X-From|X-To|X-cc|X-bcc|X-Origin|X-Folder):",
      Pattern.CASE_INSENSITIVE);
  private static final String CONSONANTS = "bdfgklmnprstvz";
  private static final String VOWELS = "aeiou";

  private final List<byte[]> originals;

  private RealMailCorpus(List<byte[]> originals) {
    this.originals = originals;
  }

  /** The messages of every mail file under {@code dir}, read as ingestion reads them ({@link RecordSource}: mbox split, maildir walked). */
  static RealMailCorpus read(Path dir) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (RecordSource source = RecordSource.open(IngestKind.EMAIL, List.of(dir))) {
      while (source.hasNext()) {
        out.add(source.next().payload());
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No mail under " + dir);
    }
    return new RealMailCorpus(out);
  }

  int originalCount() {
    return originals.size();
  }

  /** Writes {@code count} messages as one mbox (mboxrd quoting): the originals, then copy 1, copy 2… as needed. */
  Path mbox(Path file, int count) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      for (int i = 0; i < count; i++) {
        int copy = i / originals.size();
        String text = new String(originals.get(i % originals.size()), StandardCharsets.ISO_8859_1);
        String message = copy == 0 ? text : reidentify(text, copy);
        w.write("From corpus@example.invalid Mon Jan  1 00:00:00 2001\n");
        for (String line : message.split("\n", -1)) {
          w.write(line.matches("^>*From .*") ? ">" + line : line);
          w.write('\n');
        }
        if (!message.endsWith("\n")) {
          w.write('\n');
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return file;
  }

  /** One message as copy {@code k} of it. */
  static String reidentify(String message, int k) {
    int lf = message.indexOf("\n\n"), crlf = message.indexOf("\r\n\r\n");
    int split = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf; // where the headers end, in either line ending
    String head = split < 0 ? message : message.substring(0, split);
    String body = split < 0 ? "" : message.substring(split);
    // Header lines joined with their continuations, so a folded To: is one field.
    List<String> fields = new ArrayList<>();
    for (String line : head.split("\n", -1)) {
      if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
        fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\n" + line);
      } else {
        fields.add(line);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (String f : fields) {
      if (PEOPLE_HEADER.matcher(f).find()) {
        Matcher words = WORD.matcher(f.substring(f.indexOf(':') + 1));
        while (words.find()) {
          names.add(words.group().toLowerCase(Locale.ROOT));
        }
      }
    }
    names.removeAll(List.of("com", "net", "org", "edu", "gov", "mail", "sent", "items", "inbox", "folders", "nsf", "pst", "all",
        "documents", "deleted", "discussion", "threads", "notes", "enron", "ect", "hou", "corp", "na", "ees", "ei"));
    Map<String, String> rename = new HashMap<>();
    StringBuilder out = new StringBuilder(message.length() + 64);
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      if (i > 0) {
        out.append('\n');
      }
      if (ID_HEADER.matcher(f).find()) {
        out.append(f.replace("<", "<r" + k + "."));
      } else if (PEOPLE_HEADER.matcher(f).find()) {
        int colon = f.indexOf(':');
        out.append(f, 0, colon + 1).append(renamePeople(f.substring(colon + 1), k, rename, names));
      } else {
        out.append(f);
      }
    }
    out.append(renameInText(body, k, rename, names));
    return out.toString();
  }

  /** Addresses get every local-part token and every domain label but the last renamed; display names their words. */
  private static String renamePeople(String value, int k, Map<String, String> rename, Set<String> names) {
    Matcher m = ADDRESS.matcher(value);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(renameWords(value.substring(last, m.start()), k, rename, names, false));
      out.append(renameWords(m.group(1), k, rename, null, false)).append('@');
      String[] labels = m.group(2).split("\\.");
      for (int i = 0; i < labels.length; i++) {
        out.append(i == labels.length - 1 ? labels[i] : word(labels[i].toLowerCase(Locale.ROOT), k, rename)).append(i < labels.length - 1 ? "." : "");
      }
      last = m.end();
    }
    out.append(renameWords(value.substring(last), k, rename, names, false));
    return out.toString();
  }

  /** Body text: only words that are names in this message's headers, and only where written capitalised. */
  private static String renameInText(String text, int k, Map<String, String> rename, Set<String> names) {
    return renameWords(text, k, rename, names, true);
  }

  private static String renameWords(String text, int k, Map<String, String> rename, Set<String> only, boolean capitalisedOnly) {
    Matcher m = WORD.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      String w = m.group();
      String lower = w.toLowerCase(Locale.ROOT);
      boolean rename1 = (only == null || only.contains(lower)) && (!capitalisedOnly || Character.isUpperCase(w.charAt(0)));
      out.append(text, last, m.start()).append(rename1 ? sameCase(w, word(lower, k, rename)) : w);
      last = m.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  /** A made-up, pronounceable word of the token's length for copy {@code k}: the same token always gives the same word. */
  private static String word(String token, int k, Map<String, String> rename) {
    return rename.computeIfAbsent(token, t -> {
      long h = (t + "#" + k).hashCode() * 0x9E3779B97F4A7C15L + k;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < Math.max(3, t.length()); i++) {
        h = h * 6364136223846793005L + 1442695040888963407L;
        int r = (int) ((h >>> 33) & 0x7fffffff);
        b.append(i % 2 == 0 ? CONSONANTS.charAt(r % CONSONANTS.length()) : VOWELS.charAt(r % VOWELS.length()));
      }
      return b.toString();
    });
  }

  private static String sameCase(String original, String made) {
    if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
      return made.toUpperCase(Locale.ROOT);
    }
    if (Character.isUpperCase(original.charAt(0))) {
      return Character.toUpperCase(made.charAt(0)) + made.substring(1);
    }
    return made;
  }
}
