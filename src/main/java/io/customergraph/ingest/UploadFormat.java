package io.customergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The format of a bulk upload: from its file name when the client gave one, else from a Content-Type that says
 * something, else from its first bytes. Archives (a maildir, a folder of invoices) are unpacked and walked like a
 * directory.
 */
public enum UploadFormat {
  MBOX(".mbox"), EML(".eml"), CSV(".csv"), JSONL(".jsonl"), JSON(".json"), XML(".xml"), VTT(".vtt"),
  ZIP(".zip"), TAR(".tar"), TAR_GZ(".tar.gz");

  /** What a client may send, for error messages. */
  public static final String NAMES = ".mbox .eml .csv .jsonl .json .xml .vtt, or an archive .zip .tar .tar.gz";

  private final String extension;

  UploadFormat(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  public boolean archive() {
    return this == ZIP || this == TAR || this == TAR_GZ;
  }

  /** The format a file name says, if its extension is one we read. */
  public static Optional<UploadFormat> ofName(String filename) {
    String name = filename.toLowerCase(Locale.ROOT);
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      return Optional.of(TAR_GZ);
    }
    if (name.endsWith(".ndjson")) {
      return Optional.of(JSONL);
    }
    return Arrays.stream(values()).filter(f -> name.endsWith(f.extension)).findFirst();
  }

  /**
   * The format a Content-Type names. Types that say nothing about the content are ignored: curl's default for
   * {@code --data-binary} ({@code application/x-www-form-urlencoded}) and {@code application/octet-stream}.
   */
  public static Optional<UploadFormat> ofContentType(@Nullable String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("text/csv")) {
      return Optional.of(CSV);
    }
    if (type.contains("ndjson") || type.contains("jsonl")) {
      return Optional.of(JSONL);
    }
    if (type.contains("json")) {
      return Optional.of(JSON);
    }
    if (type.contains("mbox")) {
      return Optional.of(MBOX);
    }
    if (type.startsWith("message/rfc822")) {
      return Optional.of(EML);
    }
    if (type.startsWith("text/vtt")) {
      return Optional.of(VTT);
    }
    if (type.contains("zip")) {
      return Optional.of(ZIP);
    }
    if (type.contains("gzip")) {
      return Optional.of(TAR_GZ);
    }
    if (type.contains("x-tar")) {
      return Optional.of(TAR);
    }
    if (type.contains("xml")) {
      return Optional.of(XML);
    }
    return Optional.empty();
  }

  private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*:[ \\t]");

  /**
   * The format the first bytes of an upload show, for uploads sent without a name or a telling Content-Type. Only
   * shapes that cannot be mistaken are recognised; anything else is left to the client to name.
   */
  public static Optional<UploadFormat> sniff(byte[] head, IngestKind kind) {
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
      return Optional.of(ZIP);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Optional.of(TAR_GZ);
    }
    if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
      return Optional.of(TAR);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    // An mbox starts with a "From " line (some exports put blank lines before it).
    if (kind == IngestKind.EMAIL && text.stripLeading().startsWith("From ")) {
      return Optional.of(MBOX);
    }
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("WEBVTT")) {
      return Optional.of(VTT);
    }
    if (trimmed.startsWith("<")) {
      return Optional.of(XML);
    }
    if (trimmed.startsWith("[")) {
      return Optional.of(JSON);
    }
    if (trimmed.startsWith("{")) {
      // One complete object on the first line is JSON lines; an object spread over lines is one JSON document.
      String first = trimmed.lines().findFirst().orElse("");
      try {
        RecordSource.JSON.readTree(first);
        return Optional.of(JSONL);
      } catch (RuntimeException e) {
        return Optional.of(JSON);
      }
    }
    if (kind == IngestKind.EMAIL && HEADER_LINE.matcher(text).find()) {
      return Optional.of(EML);
    }
    if (kind.tabular() && text.lines().findFirst().orElse("").contains(",")) {
      return Optional.of(CSV);
    }
    return Optional.empty();
  }
}
