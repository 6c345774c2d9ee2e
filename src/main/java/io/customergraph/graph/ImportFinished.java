package io.customergraph.graph;

import java.util.function.Consumer;

/**
 * Published when an import (a CLI {@code import} or an upload job) has written its last record, on the importing
 * thread: listeners bring what is derived from the graph up to date before the import reports done (scoring scores
 * every entity without a score, so rankings are full), telling {@code step} what they are doing.
 *
 * @param kind the kind of records imported ({@code email}, {@code account}, …)
 * @param step receives a line per step ("scoring: 1,500 of 2,168 contacts"); for progress only
 */
public record ImportFinished(String kind, Consumer<String> step) {}
