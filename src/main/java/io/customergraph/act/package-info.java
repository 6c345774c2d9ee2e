/**
 * Careful automation: next actions derived from scores and their evidence, guardrails that pause them (account at
 * risk, consent, do-not-contact, frequency cap, quiet hours) with their reasons, a person's approval before anything
 * is dispatched, an audit of every change, and signed webhooks with retries and a dead-letter list.
 */
@NullMarked
package io.customergraph.act;

import org.jspecify.annotations.NullMarked;
