package io.customergraph.ingest;

import java.util.Arrays;
import java.util.Locale;

/** What a record is meant to become. Names are what the CLI, REST path and GraphQL use (lower case). */
public enum IngestKind {
  EMAIL, CALL, TICKET, INVOICE, PAYMENT, ACCOUNT, CONTACT, DEAL, ACTIVITY, REP, PRODUCT, OUTCOME;

  /** The kind named, case-insensitively, with a message listing the valid names when there is none. */
  public static IngestKind parse(String name) {
    return Arrays.stream(values())
        .filter(k -> k.name().equalsIgnoreCase(name.strip()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(
                "Unknown kind '" + name + "'; expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT)));
  }

  /** The lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether records of this kind may come as CSV rows; emails and calls are documents. */
  public boolean tabular() {
    return this != EMAIL && this != CALL;
  }
}
