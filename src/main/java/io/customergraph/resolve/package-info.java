/**
 * Entity resolution: a Lucene candidate index (fuzzy terms and word-vector neighbours), a Fellegi-Sunter match model
 * (u from random pairs, m by expectation-maximisation, term-frequency adjustment), explainable decisions (merge,
 * review, new) and reversible merges in the graph. Works on the live graph (streaming) and on any CSV (batch).
 */
@NullMarked
package io.customergraph.resolve;

import org.jspecify.annotations.NullMarked;
