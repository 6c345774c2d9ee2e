package io.customergraph.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable ids: a kind prefix and 16 hex digits of a SHA-256 over the record's natural key, so that the same input
 * gives the same id on every machine and every run (idempotent upserts, deterministic demo worlds).
 */
public final class Ids {

  private Ids() {}

  /** An id of the given kind derived from its natural-key parts. */
  public static String of(NodeKind kind, String... naturalKey) {
    return kind.prefix() + "_" + sha256(String.join("\u001f", naturalKey)).substring(0, 16);
  }

  /** Hex SHA-256 of a text, used for ids and content hashes. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  /** Sort and match form of a name: lower case, accents and punctuation folded, single spaces. */
  public static String normalize(String text) {
    String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
    return decomposed
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}@.]+", " ")
        .strip();
  }
}
