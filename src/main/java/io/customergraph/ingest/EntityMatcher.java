package io.customergraph.ingest;

import io.customergraph.ingest.Facts.Company;
import io.customergraph.ingest.Facts.Person;
import java.util.List;
import java.util.Map;

/**
 * Decides which contact and account each person and company named in a batch is. The one seam between ingestion
 * and entity resolution: today exact keys ({@link ExactKeyMatcher}), later the probabilistic resolver.
 */
public interface EntityMatcher {

  /**
   * Ids for everybody and every company of one batch, in the batch's order.
   *
   * @return the decisions, including new ids for unknown entities and the identity keys to record for them
   */
  Matches match(List<Person> people, List<Company> companies);

  /**
   * Matching decisions for one batch.
   *
   * @param contacts person → contact id
   * @param accounts company → account id
   * @param newKeys identity keys not yet recorded, with the id each now names (contacts' and accounts' apart)
   * @param existing ids that were already in the graph (the rest are new)
   * @param stored for ids already in the graph, the properties ingestion adds to (a contact's addresses, name
   *     variants, phone, title, name key and whether it has an employer; an account's name source, domain and VAT
   *     id), so rows that would add nothing are not written — may be empty (then every row is written)
   */
  record Matches(
      Map<Person, String> contacts,
      Map<Company, String> accounts,
      Map<String, String> newContactKeys,
      Map<String, String> newAccountKeys,
      java.util.Set<String> existing,
      Map<String, Map<String, Object>> stored) {}
}
