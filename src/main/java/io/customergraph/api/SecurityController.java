package io.customergraph.api;

import io.customergraph.graph.Refused;
import io.customergraph.security.ApiKeys;
import io.customergraph.security.Audit;
import io.customergraph.security.Caller;
import io.customergraph.security.Role;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** API keys, the caller's own view and the audit log over GraphQL (roles are checked by {@link AccessControl}). */
@Controller
class SecurityController {

  record Me(String id, String name, List<Role> roles, @Nullable String owner, @Nullable String team, boolean masked, boolean scoped) {}

  record CreateApiKeyInput(
      String name, List<Role> roles, @Nullable String owner, @Nullable String team, @Nullable Boolean personalData, @Nullable Integer requestsPerMinute) {}

  record ApiKeyIssued(ApiKeys.ApiKey key, String secret) {}

  record ApiKeyRevoked(String id) {}

  record ApiKeyRefused(String code, String message) {}

  private final ApiKeys keys;
  private final Audit audit;

  SecurityController(ApiKeys keys, Audit audit) {
    this.keys = keys;
    this.audit = audit;
  }

  @QueryMapping
  Me me(@ContextValue(name = Caller.KEY) Caller caller) {
    return new Me(caller.id(), caller.name(), caller.roles().stream().sorted().toList(), caller.owner(), caller.team(), caller.masked(), caller.scoped());
  }

  @QueryMapping
  List<ApiKeys.ApiKey> apiKeys() {
    return keys.list();
  }

  @QueryMapping
  List<Audit.Event> auditLog(@Argument @Nullable String subjectId, @Argument @Nullable String callerId, @Argument @Nullable Integer first, @Argument @Nullable String after) {
    int n = first == null ? 20 : first;
    if (n < 1 || n > 100) {
      throw new BadRequest("first must be between 1 and 100, got " + n);
    }
    return audit.events(subjectId, callerId, n, after);
  }

  @MutationMapping
  Object createApiKey(@Argument CreateApiKeyInput input) {
    try {
      ApiKeys.Issued issued = keys.create(input.name(), input.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(input.roles()),
          input.owner(), input.team(), Boolean.TRUE.equals(input.personalData()), input.requestsPerMinute() == null ? 0 : input.requestsPerMinute());
      return new ApiKeyIssued(issued.key(), issued.secret());
    } catch (Refused e) {
      return new ApiKeyRefused(e.code(), e.getMessage());
    }
  }

  @MutationMapping
  Object revokeApiKey(@Argument String id) {
    return keys.revoke(id) ? new ApiKeyRevoked(id) : new ApiKeyRefused("NOT_FOUND", "No API key " + id + "; list them with apiKeys");
  }
}
