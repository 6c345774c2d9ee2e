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
 */
@ConfigurationProperties("customer-graph.ingest")
public record IngestProperties(
    @DefaultValue("500") int batchSize,
    @DefaultValue("US") String phoneRegion,
    @DefaultValue("") List<String> internalDomains,
    @DefaultValue("10GB") org.springframework.util.unit.DataSize maxUnpackedSize,
    @DefaultValue("1000000") int maxArchiveEntries) {

  /** Whether mail from this domain is ours. */
  boolean internal(String domain) {
    return internalDomains.stream().anyMatch(d -> d.equalsIgnoreCase(domain));
  }
}
