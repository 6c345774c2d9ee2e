/**
 * Privacy: everything held about a person as one JSON document (GDPR Art. 15/20), and erasure (Art. 17) from the
 * graph, the interactions' text, the provenance records, the candidate index and the word vectors — resumable
 * after a crash, idempotent, leaving an erasure record without personal data.
 */
@NullMarked
package io.customergraph.privacy;

import org.jspecify.annotations.NullMarked;
