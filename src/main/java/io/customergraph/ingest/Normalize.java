package io.customergraph.ingest;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.customergraph.graph.Ids;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Normal forms used for matching; the forms as written are always kept beside them. */
public final class Normalize {

  private Normalize() {}

  /**
   * Mail providers whose domain says nothing about where a person works: a contact at gmail.com is not an employee
   * of an account called "Gmail".
   */
  static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com", "live.com", "msn.com",
          "aol.com", "icloud.com", "me.com", "mac.com", "mail.com", "gmx.de", "gmx.net", "web.de", "protonmail.com",
          "proton.me", "yandex.ru", "qq.com", "163.com", "zoho.com");

  /** Trimmed, lower-case address without angle brackets or a mailto: prefix; null when it has no @. */
  public static @Nullable String email(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    // Invisible formatting (a byte-order mark, bidi overrides) is no part of an address: "jane\uFEFF@acme.com" is jane@acme.com.
    String e = INVISIBLE.matcher(raw).replaceAll("").strip().toLowerCase(Locale.ROOT);
    if (e.startsWith("mailto:")) {
      e = e.substring(7);
    }
    e = e.replaceAll("^[<'\"]+|[>'\"]+$", "");
    int at = e.lastIndexOf('@');
    // RFC 5321: at most 254 characters; spaces and control characters never belong to an address.
    return at <= 0 || at == e.length() - 1 || e.length() > 254 || e.chars().anyMatch(c -> c <= ' ' || c == 0x7f) ? null : e;
  }

  /** Byte-order marks, zero-width no-break spaces and bidirectional overrides: invisible, and a way to spoof text. */
  static final java.util.regex.Pattern INVISIBLE = java.util.regex.Pattern.compile("[\\uFEFF\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

  /**
   * Where a text holds a NUL character, as "U+0000 at character 120", or null. No mail, transcript or export carries
   * one: where it appears, the file is damaged. Other control characters do occur in real text (the Enron mailboxes
   * carry U+0001 and U+000F from old mail gateways) and are kept.
   */
  public static @Nullable String controlCharacter(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int at = text.indexOf('\u0000');
    return at < 0 ? null : "U+0000 (NUL) at character " + at;
  }

  /** The domain of an address, or null. */
  public static @Nullable String domainOf(@Nullable String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : email.substring(at + 1);
  }

  /** A company domain worth creating an account for: not a free-mail provider; rolled up to its organisation. */
  public static @Nullable String companyDomain(@Nullable String email) {
    String d = domainOf(email);
    return d == null || FREE_MAIL.contains(d) ? null : organisation(d.toLowerCase(Locale.ROOT));
  }

  /** The organisation a domain belongs to ({@link io.customergraph.graph.Organisations#of}). */
  public static String organisation(String domain) {
    return io.customergraph.graph.Organisations.of(domain);
  }

  /** A web domain from a URL or host as written: lower case, no scheme, path or leading www. */
  public static @Nullable String domain(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String d = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("[/:?#].*$", "");
    d = d.startsWith("www.") ? d.substring(4) : d;
    return d.contains(".") ? organisation(d) : null;
  }

  /** E.164 when libphonenumber can read it (default region for numbers without a country code); else null. */
  public static @Nullable String phone(@Nullable String raw, String defaultRegion) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      PhoneNumber n = util.parse(raw, defaultRegion);
      return util.isPossibleNumber(n) ? util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /**
   * A person's name as a match key: "Allen, Phillip K." and "Phillip K Allen" both become "phillip k allen". Directory
   * suffixes such as "</O=ENRON/OU=NA/CN=…>" and quotes are dropped.
   */
  public static @Nullable String personKey(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String n = raw.replaceAll("<[^>]*>", "").replace("\"", "").replace("'", "").strip();
    int comma = n.indexOf(',');
    if (comma > 0 && n.indexOf(',', comma + 1) < 0) {
      n = n.substring(comma + 1).strip() + " " + n.substring(0, comma).strip();
    }
    String key = Ids.normalize(n).replace(".", " ").replaceAll("\\s+", " ").strip();
    return key.isEmpty() || key.contains("@") ? null : key;
  }

  /** A display name fit to show: directory suffixes and quotes dropped; null when nothing is left. */
  public static @Nullable String displayName(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String n = raw.replaceAll("<[^>]*>", "").replace("\"", "").strip();
    if (n.startsWith("'") && n.endsWith("'") && n.length() > 1) {
      n = n.substring(1, n.length() - 1).strip();
    }
    return n.isEmpty() || n.contains("@") ? null : n;
  }

  /** A company name as a match key: case, accents and punctuation folded (legal suffixes are kept; see resolution). */
  public static @Nullable String companyKey(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String key = Ids.normalize(raw).replace(".", " ").replaceAll("\\s+", " ").strip();
    return key.isEmpty() ? null : key;
  }

  /** A product name as a match key: "GTXPro" and "GTX Pro" are one product. */
  public static String productKey(String raw) {
    return Ids.normalize(raw).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /** A readable account name from a domain when nothing better is known: "enron.com" becomes "Enron". */
  public static String nameFromDomain(String domain) {
    String first = domain.split("\\.")[0];
    return first.isEmpty() ? domain : Character.toUpperCase(first.charAt(0)) + first.substring(1);
  }
}
