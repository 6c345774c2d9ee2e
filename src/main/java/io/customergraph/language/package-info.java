/**
 * Language: word vectors trained with Deeplearning4j on the customer's own text (with personal data replaced by
 * placeholders first), and the language signals built on them.
 */
@NullMarked
package io.customergraph.language;

import org.jspecify.annotations.NullMarked;
