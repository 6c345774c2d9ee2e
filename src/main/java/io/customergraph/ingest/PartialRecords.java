package io.customergraph.ingest;

import io.customergraph.graph.Ids;
import io.customergraph.graph.NodeKind;
import io.customergraph.ingest.Facts.Fact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Quarantine, never loss, for partial files: a new version of a stored email or call that carries less than the
 * stored one — a shorter text, a lost subject, fewer transcript turns, attachments gone — is a cut or truncated copy
 * (an mbox cut inside a message, an export that broke off), not an update. It is quarantined with the reason and the
 * stored version stays. An email with a Message-ID, or a call with its key, is one document: the same document does
 * not legitimately shrink. Rows of tickets, invoices and CRM exports do change in place, and are not checked here
 * (their earlier versions are kept, see {@link IngestWriter}).
 */
final class PartialRecords {

  /** What a stored document holds, to compare a new version against. */
  private record Held(int text, boolean subject, int attachments, int turns) {}

  private PartialRecords() {}

  /**
   * Reasons, by the id of the email or call a parsed fact would replace, for the facts that hold less than what is
   * stored; facts of nodes not stored yet are not looked up at all.
   */
  static Map<String, String> lessThanStored(Neo4jClient client, List<Fact> replacing) {
    Map<String, Fact> byId = new HashMap<>();
    for (Fact f : replacing) {
      String id = documentId(f);
      if (id != null) {
        byId.put(id, f);
      }
    }
    if (byId.isEmpty()) {
      return Map.of();
    }
    Map<String, Held> held = new HashMap<>();
    client.query("""
            MATCH (n) WHERE (n:Email OR n:Call) AND n.id IN $ids AND coalesce(n.placeholder, false) = false
            RETURN n.id AS id, size(coalesce(n.body, '')) + size(coalesce(n.quoted, '')) + size(coalesce(n.signature, '')) + size(coalesce(n.transcript, '')) AS text,
                   coalesce(n.subject, n.title, '') <> '' AS subject, size(coalesce(n.attachmentNames, [])) AS attachments, coalesce(n.turns, 0) AS turns""")
        .bind(List.copyOf(byId.keySet())).to("ids")
        .fetch().all()
        .forEach(r -> held.put((String) r.get("id"), new Held(((Number) r.get("text")).intValue(), (Boolean) r.get("subject"),
            ((Number) r.get("attachments")).intValue(), ((Number) r.get("turns")).intValue())));
    Map<String, String> reasons = new HashMap<>();
    held.forEach((id, before) -> reason(byId.get(id), before).ifPresent(r -> reasons.put(id, r)));
    return reasons;
  }

  /** The id of the email or call a fact writes; null for other facts. */
  static @org.jspecify.annotations.Nullable String documentId(Fact f) {
    return switch (f) {
      case Facts.Email e -> FactRows.emailId(e.messageId());
      case Facts.Call c -> Ids.of(NodeKind.CALL, c.key());
      default -> null;
    };
  }

  private static Optional<String> reason(Fact f, Held before) {
    Held now = switch (f) {
      case Facts.Email e -> new Held(len(e.body()) + len(e.quoted()) + len(e.signature()), !e.subject().isBlank(), e.attachments().size(), 0);
      case Facts.Call c -> new Held(FactRows.transcript(c).length(), !c.title().isBlank(), 0, c.turns().size());
      default -> before;
    };
    List<String> lost = new java.util.ArrayList<>();
    if (now.text() < before.text()) {
      lost.add("text " + now.text() + " of " + before.text() + " characters");
    }
    if (before.subject() && !now.subject()) {
      lost.add("no subject or title");
    }
    if (now.attachments() < before.attachments()) {
      lost.add(now.attachments() + " of " + before.attachments() + " attachments");
    }
    if (now.turns() < before.turns()) {
      lost.add(now.turns() + " of " + before.turns() + " turns");
    }
    if (lost.isEmpty()) {
      return Optional.empty();
    }
    String what = f instanceof Facts.Email ? "email" : "call";
    return Optional.of("a partial copy of a stored " + what + " (" + lost.stream().collect(Collectors.joining(", "))
        + "): the file was probably cut off or truncated; the stored version is kept");
  }

  private static int len(String s) {
    return s == null ? 0 : s.length();
  }
}
