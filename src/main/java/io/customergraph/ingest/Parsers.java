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

  ParseResult parse(RawRecord raw) {
    try {
      return byKind.get(raw.kind()).apply(raw);
    } catch (RuntimeException e) {
      // A parser bug must not lose the record: keep it with the error so it can be retried after a fix.
      return ParseResult.failed("parser error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
