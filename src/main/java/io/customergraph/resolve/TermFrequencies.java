package io.customergraph.resolve;

/** How common a field value is among the records (the fraction having it), for term-frequency adjustment. */
public interface TermFrequencies {

  /** The fraction of records whose field has this value; at least one record's worth. */
  double frequency(Field field, String value);

  /** No adjustment: every value as common as the average. */
  TermFrequencies NONE = (f, v) -> Double.NaN;
}
