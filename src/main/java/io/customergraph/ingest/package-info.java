/**
 * Ingestion: reads emails (.eml, mbox, maildir), call transcripts (WebVTT, JSON), tickets, invoices (CSV, JSON, UBL
 * 2.1), payments, CRM records and activity events as streams of raw records; parses each into facts; matches people
 * and companies through {@link io.customergraph.ingest.EntityMatcher}; writes facts in batched transactions with a
 * {@code SourceRecord} per raw record, idempotently; and keeps what it cannot parse in quarantine with the reason.
 */
@NullMarked
package io.customergraph.ingest;

import org.jspecify.annotations.NullMarked;
