package io.customergraph.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A generated world: rows ready to be written (one map per node: its properties plus the ids it links to) and the
 * ground truth the generator planted, which is never written into the graph.
 */
public record DemoWorld(
    long seed,
    LocalDate anchor,
    List<Map<String, Object>> accounts,
    List<Map<String, Object>> contacts,
    List<Map<String, Object>> emails,
    List<Map<String, Object>> calls,
    List<Map<String, Object>> tickets,
    List<Map<String, Object>> invoices,
    List<Map<String, Object>> deals,
    List<Map<String, Object>> activities,
    List<Map<String, Object>> competitors,
    Truth truth) {

  /** Number of nodes this world will create (not counting provenance records). */
  public int size() {
    return accounts.size() + contacts.size() + emails.size() + calls.size() + tickets.size() + invoices.size()
        + deals.size() + activities.size() + competitors.size();
  }

  /**
   * What is really true of the world, for measuring resolution and scoring honestly.
   *
   * @param duplicates records that are the same real entity as another record
   * @param accounts each account's hidden state and what was going to happen to it
   * @param deals each deal's hidden fate
   */
  public record Truth(List<DuplicateGroup> duplicates, List<AccountTruth> accounts, List<DealTruth> deals) {}

  /**
   * A real entity recorded more than once.
   *
   * @param kind Account or Contact
   * @param canonicalId the record generated first (the "real" one)
   * @param duplicateId the messy copy
   * @param variation how the copy differs (nickname, typo, case, reordered name, legal suffix…)
   */
  public record DuplicateGroup(String kind, String canonicalId, String duplicateId, String variation) {}

  /**
   * Hidden state of an account.
   *
   * @param health 0..1 for customers (low means unhappy), null otherwise
   * @param intent 0..1 for prospects (high means ready to buy), null otherwise
   * @param willChurn for customers: churns at the next renewal
   * @param willBuy for prospects: becomes a customer within 90 days of the anchor
   */
  public record AccountTruth(
      String id, String name, String status, @Nullable Double health, @Nullable Double intent,
      @Nullable Boolean willChurn, @Nullable Boolean willBuy) {}

  /**
   * Hidden fate of a deal.
   *
   * @param willWin for open deals: whether it is going to be won; for closed deals: whether it was
   */
  public record DealTruth(String id, String accountId, String stage, boolean willWin) {}
}
