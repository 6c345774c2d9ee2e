/**
 * The demo world: a seeded generator of a realistic B2B customer graph (accounts, people, emails, calls, tickets,
 * invoices, deals, behavioural events) with planted duplicates and documented ground truth, loaded once into an
 * empty database on first start and usable at larger sizes for benchmarks.
 */
@NullMarked
package io.customergraph.demo;

import org.jspecify.annotations.NullMarked;
