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
 */
@ConfigurationProperties("customer-graph.ingest")
public record IngestProperties(
    @DefaultValue("500") int batchSize,
    @DefaultValue("US") String phoneRegion,
    @DefaultValue("") List<String> internalDomains) {

  /** Whether mail from this domain is ours. */
  boolean internal(String domain) {
    return internalDomains.stream().anyMatch(d -> d.equalsIgnoreCase(domain));
  }
}
