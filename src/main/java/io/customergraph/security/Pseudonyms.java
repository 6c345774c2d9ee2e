package io.customergraph.security;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

/**
 * Personal data as an analyst without the personal-data grant sees it: names, addresses and phone numbers replaced by
 * pseudonyms that are the same wherever the same value appears (an HMAC under a key generated once per graph and kept
 * in it), so analysts can still count, join and follow a person across the graph without learning who they are.
 * In free text, addresses and phone numbers become pseudonyms and the words of known people's names become
 * {@code [name]}.
 */
@Service
public class Pseudonyms {

  /** Properties of exploration views that hold personal data. */
  public static final Set<String> PERSONAL_PROPERTIES = Set.of(
      "name", "firstName", "lastName", "email", "emails", "phone", "phones", "nameKey", "nameSort", "nameVariants", "displayName",
      "body", "quoted", "signature", "subject", "description", "transcript", "comments", "text", "payload", "speakers",
      "replyTo", "signatureName", "signaturePhone", "from", "to", "cc", "url", "searchText");
  /** Labels whose name is not personal data (companies, products, reference data). */
  public static final Set<String> IMPERSONAL_LABELS = Set.of("Account", "Competitor", "Tag", "Product", "Deal", "Model", "Rep", "Invoice");

  private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@([^\\s<>\"'(),;:]+)");
  private static final Pattern WORD = Pattern.compile("\\p{Lu}[\\p{L}'-]+");
  private static final Duration NAMES_FOR = Duration.ofMinutes(5);

  private final Neo4jClient client;
  private final String phoneRegion;
  private volatile @Nullable Mac prototype;
  private volatile Set<String> nameWords = Set.of();
  private volatile Instant namesUntil = Instant.EPOCH;

  public Pseudonyms(Neo4jClient client, @org.springframework.beans.factory.annotation.Value("${customer-graph.ingest.phone-region:US}") String phoneRegion) {
    this.client = client;
    this.phoneRegion = phoneRegion;
  }

  /** "Person 3f2a91c0" for a person's name. */
  public @Nullable String name(@Nullable String value) {
    return value == null ? null : "Person " + code("name", value.strip().toLowerCase(Locale.ROOT));
  }

  /** "p3f2a91c0@example.com" for an address: the person's part pseudonymised, the company's domain kept. */
  public @Nullable String email(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    int at = v.lastIndexOf('@');
    return "p" + code("email", v) + (at < 0 ? "@pseudonym.invalid" : v.substring(at));
  }

  /** "phone-3f2a91c0" for a phone number. */
  public @Nullable String phone(@Nullable String value) {
    return value == null ? null : "phone-" + code("phone", value.replaceAll("[^+\\d]", ""));
  }

  /** Free text with addresses, phone numbers and the words of known people's names replaced. */
  public @Nullable String text(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    Matcher m = EMAIL.matcher(value);
    StringBuilder sb = new StringBuilder(value.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(email(m.group())));
    }
    m.appendTail(sb);
    String t = sb.toString();
    StringBuilder out = new StringBuilder(t.length());
    int at = 0;
    for (PhoneNumberMatch p : PhoneNumberUtil.getInstance().findNumbers(t, phoneRegion)) {
      out.append(t, at, p.start()).append(phone(p.rawString()));
      at = p.end();
    }
    out.append(t.substring(at));
    Set<String> names = nameWords();
    Matcher w = WORD.matcher(out);
    StringBuilder done = new StringBuilder(out.length());
    while (w.find()) {
      w.appendReplacement(done, names.contains(w.group().toLowerCase(Locale.ROOT)) ? "[name]" : Matcher.quoteReplacement(w.group()));
    }
    w.appendTail(done);
    return done.toString();
  }

  /** A node's or relationship's properties with the personal ones pseudonymised (unless the label is impersonal). */
  public Map<String, Object> properties(Map<String, Object> properties, @Nullable String label) {
    if (label != null && IMPERSONAL_LABELS.contains(label)) {
      return properties;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    // Known personal keys by their kind; every other text by its content — names of known people, addresses and
    // phone numbers are masked wherever they appear (an action's reason, an email's folder path, a title quoting
    // someone), so a property nobody listed cannot carry a real name out.
    properties.forEach((k, v) -> out.put(k, PERSONAL_PROPERTIES.contains(k) ? value(k, v) : anyText(v)));
    return out;
  }

  private Object anyText(Object v) {
    if (v instanceof String s) {
      return text(s);
    }
    if (v instanceof List<?> list) {
      return list.stream().map(this::anyText).toList();
    }
    return v;
  }

  private Object value(String key, Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(x -> value(key, x)).toList();
    }
    String s = String.valueOf(v);
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.contains("email") || lower.equals("replyto") || lower.equals("from") || lower.equals("to") || lower.equals("cc")) {
      return s.contains("@") ? email(s) : text(s);
    }
    if (lower.contains("phone")) {
      return phone(s);
    }
    if (lower.contains("name") || lower.equals("speakers")) {
      return name(s);
    }
    return text(s);
  }

  /** Lower-case words of contacts' names (two letters and more), refreshed every few minutes. */
  private Set<String> nameWords() {
    Instant now = Instant.now();
    if (namesUntil.isBefore(now)) {
      Set<String> words = new HashSet<>();
      for (String name : client.query("MATCH (c:Contact) WHERE c.name IS NOT NULL RETURN c.name").fetchAs(String.class).all()) {
        for (String part : name.toLowerCase(Locale.ROOT).split("[^\\p{L}'-]+")) {
          if (part.length() >= 2) {
            words.add(part);
          }
        }
      }
      nameWords = Set.copyOf(words);
      namesUntil = now.plus(NAMES_FOR);
    }
    return nameWords;
  }

  /** Forgets the cached name words (after erasure, or in tests). */
  public void forget() {
    namesUntil = Instant.EPOCH;
  }

  private String code(String kind, String value) {
    try {
      Mac mac = (Mac) mac().clone();
      byte[] h = mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 4);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("HmacSHA256 instances can be cloned", e);
    }
  }

  private Mac mac() {
    Mac m = prototype;
    if (m == null) {
      synchronized (this) {
        m = prototype;
        if (m == null) {
          byte[] fresh = new byte[32];
          new SecureRandom().nextBytes(fresh);
          String key = client.query("""
                  MERGE (s:Secret {id: 'pseudonyms'}) ON CREATE SET s.value = $fresh
                  RETURN s.value""")
              .bind(Base64.getEncoder().encodeToString(fresh)).to("fresh").fetchAs(String.class).one().orElseThrow();
          try {
            m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
          }
          prototype = m;
        }
      }
    }
    return m;
  }
}
