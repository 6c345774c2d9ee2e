/**
 * Relationship-aware scoring: features read from graph patterns (Cypher in {@code cypher/score/}) with the paths that
 * produced them, an additive logistic model per score kind trained on outcomes with a time split and published only
 * when it is not worse, scores decayed at read time, and explanations whose every factor names its evidence.
 */
@NullMarked
package io.customergraph.score;

import org.jspecify.annotations.NullMarked;
