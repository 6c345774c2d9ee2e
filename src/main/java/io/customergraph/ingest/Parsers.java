package io.customergraph.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The parser of each kind. */
@Component
class Parsers {

  private final Map<IngestKind, Function<RawRecord, ParseResult>> byKind = new EnumMap<>(IngestKind.class);

  Parsers(IngestProperties properties) {
    EmailParser email = new EmailParser(properties);
    byKind.put(IngestKind.EMAIL, email::parse);
    TabularParsers tabular = new TabularParsers(properties);
    byKind.put(IngestKind.TICKET, tabular::ticket);
    byKind.put(IngestKind.PAYMENT, tabular::payment);
    byKind.put(IngestKind.ACCOUNT, tabular::account);
    byKind.put(IngestKind.CONTACT, tabular::contact);
    byKind.put(IngestKind.DEAL, tabular::deal);
    byKind.put(IngestKind.ACTIVITY, tabular::activity);
    byKind.put(IngestKind.REP, tabular::rep);
    byKind.put(IngestKind.PRODUCT, tabular::product);
    byKind.put(IngestKind.OUTCOME, tabular::outcome);
    InvoiceParser invoice = new InvoiceParser(properties, tabular);
    byKind.put(IngestKind.INVOICE, invoice::parse);
    CallParser call = new CallParser(properties);
    byKind.put(IngestKind.CALL, call::parse);
  }

  /**
   * Whether bytes are not UTF-8 text: a NUL, or malformed UTF-8, in the first 8 KB. A character cut at the 8 KB
   * boundary is not an error: the decoder is told the input goes on.
   */
  static boolean binary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes, 0, n), java.nio.CharBuffer.allocate(n), n == bytes.length)
        .isError();
  }

  ParseResult parse(RawRecord raw) {
    // Binary data is no record of any kind: say so, rather than what a text parser makes of it ("invalid JSON").
    // Emails are exempt: a message may carry 8-bit bodies and attachments, and its parser decodes them itself.
    if (raw.kind() != IngestKind.EMAIL && binary(raw.payload())) {
      return ParseResult.failed("binary data (" + raw.payload().length + " bytes), not text: no " + raw.kind().id()
          + " record can be read from it; was the wrong file uploaded, or a compressed one without its .zip or .tar.gz name?");
    }
    try {
      ParseResult result = byKind.get(raw.kind()).apply(raw);
      String damage = result instanceof ParseResult.Parsed parsed ? damage(raw, parsed) : null;
      return damage == null ? result : ParseResult.failed(damage);
    } catch (RuntimeException e) {
      // A parser bug must not lose the record: keep it with the error so it can be retried after a fix.
      return ParseResult.failed("parser error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Longest name of a person kept: names are matched and indexed; a longer one is a damaged header, not a name. */
  static final int MAX_NAME = 1_000;

  /**
   * Why a record that parsed is still damaged, or null: a NUL character (no real text carries one) in an email's
   * subject, body or names, a call's turns, or any other record's text; a person's name of more than
   * {@value #MAX_NAME} characters. A damaged copy must not replace what is stored (issue #18's hostile-input corpus:
   * NULs sprinkled into an mbox updated three stored emails in place).
   */
  static @Nullable String damage(RawRecord raw, ParseResult.Parsed parsed) {
    for (Facts.Fact fact : parsed.facts()) {
      if (fact instanceof Facts.Email e) {
        String found = firstDamage(java.util.Map.of("subject", nonNull(e.subject()), "body", nonNull(e.body())), people(e));
        if (found != null) {
          return found;
        }
      } else if (fact instanceof Facts.Call c) {
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("title", nonNull(c.title()));
        for (int i = 0; i < c.turns().size(); i++) {
          texts.put("turn " + (i + 1), nonNull(c.turns().get(i).text()));
        }
        String found = firstDamage(texts, c.participants());
        if (found != null) {
          return found;
        }
      }
    }
    if (raw.kind() != IngestKind.EMAIL && raw.kind() != IngestKind.CALL) {
      // In UTF-8 a NUL is the zero byte and no other character contains one: scan the bytes, no decoding on the hot path.
      byte[] bytes = raw.payload();
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          return "control character U+0000 (NUL) at byte " + i + " of the record: no real " + raw.kind().id() + " carries one; the file looks damaged";
        }
      }
    }
    return null;
  }

  private static @Nullable String firstDamage(java.util.Map<String, String> texts, List<Facts.Person> people) {
    for (var t : texts.entrySet()) {
      String control = Normalize.controlCharacter(t.getValue());
      if (control != null) {
        return "control character " + control + " in the " + t.getKey() + ": no real text carries one; the file looks damaged";
      }
    }
    for (Facts.Person p : people) {
      if (p != null && p.name() != null) {
        if (p.name().length() > MAX_NAME) {
          return "a name of %,d characters (at most %,d): a damaged header, not a name".formatted(p.name().length(), MAX_NAME);
        }
        String control = Normalize.controlCharacter(p.name());
        if (control != null) {
          return "control character " + control + " in the name of " + (p.email() == null ? "a person" : p.email()) + ": the file looks damaged";
        }
      }
    }
    return null;
  }

  private static List<Facts.Person> people(Facts.Email e) {
    List<Facts.Person> all = new java.util.ArrayList<>();
    all.add(e.from());
    all.addAll(e.to());
    all.addAll(e.cc());
    all.addAll(e.replyTo());
    return all;
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
