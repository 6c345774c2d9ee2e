package io.customergraph.graph;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The organisation a web or mail domain belongs to: its registrable domain by the public suffix list (Guava's
 * {@code InternetDomainName}), so "ect.enron.com", "ei.enron.com" and "enron.com" are one company and "acme.co.uk" stays
 * "acme.co.uk" — unless the domain or a parent of it is listed in {@code customer-graph.ingest.separate-domains} (a
 * holding whose sub-domains really are separate customers). Ingestion keys accounts by it; resolution compares it.
 */
public final class Organisations {

  /** Set once at start-up from the ingest settings; empty by default. */
  private static volatile Set<String> separate = Set.of();

  private Organisations() {}

  /** Sets the sub-domains that are organisations of their own. */
  public static void separate(Collection<String> domains) {
    KNOWN.clear();
    separate = domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }

  /** Answers already worked out: resolution asks for every pair of addresses it compares, and domains are few. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> KNOWN = new java.util.concurrent.ConcurrentHashMap<>();

  /** The organisation's domain; a domain the list does not know (an intranet name, an address) is kept as written. */
  public static String of(String domain) {
    String known = KNOWN.get(domain);
    if (known != null) {
      return known;
    }
    String answer = work(domain);
    if (KNOWN.size() > 100_000) {
      KNOWN.clear(); // a bound, not a policy: more distinct domains than this are rare
    }
    KNOWN.put(domain, answer);
    return answer;
  }

  private static String work(String domain) {
    String d = domain.strip().toLowerCase(Locale.ROOT);
    for (String p = d; p.contains("."); p = p.substring(p.indexOf('.') + 1)) {
      if (separate.contains(p)) {
        return p;
      }
    }
    try {
      com.google.common.net.InternetDomainName name = com.google.common.net.InternetDomainName.from(d);
      return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : d;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return d;
    }
  }
}
