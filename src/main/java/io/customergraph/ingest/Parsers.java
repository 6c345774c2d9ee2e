package io.customergraph.ingest;

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
      return byKind.get(raw.kind()).apply(raw);
    } catch (RuntimeException e) {
      // A parser bug must not lose the record: keep it with the error so it can be retried after a fix.
      return ParseResult.failed("parser error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
