package io.customergraph.ingest;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ingestion settings.
 *
 * @param batchSize records per write transaction: larger batches amortise round trips, smaller ones keep a
 *     transaction's memory low; 500 measured well on 2 cores (see README benchmark)
 * @param phoneRegion region assumed for phone numbers written without a country code (ISO 3166 alpha-2)
 * @param internalDomains our own email domains: mail from them is OUTBOUND, and their people are not customers
 * @param maxUnpackedSize most bytes an uploaded archive may unpack to: five times the default upload limit, room for
 *     mail (which compresses about 4:1) while a "zip bomb" stops long before the disk fills
 * @param maxArchiveEntries most files an uploaded archive may hold: a large mailbox export has some hundred thousand
 * @param separateDomains sub-domains that are organisations of their own; every other domain rolls up to its
 *     registrable domain ("ect.enron.com" is Enron) by the public suffix list
 */
@ConfigurationProperties("customer-graph.ingest")
public record IngestProperties(
    @DefaultValue("500") int batchSize,
    @DefaultValue("US") String phoneRegion,
    @DefaultValue("") List<String> internalDomains,
    @DefaultValue("10GB") org.springframework.util.unit.DataSize maxUnpackedSize,
    @DefaultValue("1000000") int maxArchiveEntries,
    @DefaultValue("") List<String> separateDomains) {

  public IngestProperties {
    // Read by the static normalisers every parser calls; set once when the settings are bound.
    io.customergraph.graph.Organisations.separate(separateDomains);
  }

  /** Whether mail from this domain (or a sub-domain of one of ours: "ect.enron.com" under "enron.com") is ours. */
  boolean internal(String domain) {
    String d = domain.toLowerCase(java.util.Locale.ROOT);
    return internalDomains.stream().map(x -> x.strip().toLowerCase(java.util.Locale.ROOT)).anyMatch(x -> d.equals(x) || d.endsWith("." + x));
  }
}
