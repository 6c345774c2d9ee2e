/**
 * Who is calling and what they may see: API keys (stored hashed, scoped to roles), the callers of OAuth2/OIDC JWT
 * bearer tokens, roles, the accounts a sales rep may reach, pseudonyms for analysts, per-key rate limits and the audit
 * of reads and changes of personal data. The API enforces it; capabilities stay unaware of callers.
 */
@NullMarked
package io.customergraph.security;

import org.jspecify.annotations.NullMarked;
