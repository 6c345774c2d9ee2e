package io.customergraph.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque keyset cursor: the sort key and id of the last row a client saw. Keyset (not offset) paging keeps pages
 * stable while rows are added in front of them.
 */
public record Cursor(String sortKey, String id) {

  private static final String VERSION = "v1";

  /** The opaque text handed to clients. */
  public String encode() {
    String raw = VERSION + "\n" + sortKey + "\n" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a cursor a client sent back; a cursor not made here gives {@link InvalidCursorException}. */
  public static Cursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
        throw new InvalidCursorException(text);
      }
      return new Cursor(parts[1], parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException(text);
    }
  }

  /** A cursor that was not produced by this service. */
  public static final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException(String text) {
      super("Invalid cursor '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
          + "': pass the cursor or endCursor of a previous page unchanged");
    }
  }
}
