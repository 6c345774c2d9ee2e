/**
 * How the service shows itself: metric names (constants, low-cardinality tags only — never an id, an email or a
 * name), business gauges refreshed from the graph on a schedule, and the registry set-up that keeps the exposition
 * clean for {@code promtool check metrics}. Dashboards and alert rules that read these live in {@code dashboards/}.
 */
@NullMarked
package io.customergraph.observe;

import org.jspecify.annotations.NullMarked;
