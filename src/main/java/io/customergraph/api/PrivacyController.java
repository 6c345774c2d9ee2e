package io.customergraph.api;

import io.customergraph.privacy.Privacy;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Export and erasure of a person's data over GraphQL. */
@Controller
class PrivacyController {

  private final Privacy privacy;

  PrivacyController(Privacy privacy) {
    this.privacy = privacy;
  }

  sealed interface ErasurePayload permits ErasureDone, ErasureRefused {}

  record ErasureDone(Privacy.Erasure erasure) implements ErasurePayload {}

  record ErasureRefused(String code, String message) implements ErasurePayload {}

  @QueryMapping
  @Nullable Map<String, Object> exportPersonalData(@Argument String contactId) {
    return privacy.export(contactId).orElse(null);
  }

  @QueryMapping
  Privacy.@Nullable Erasure erasure(@Argument String contactId) {
    return privacy.erasureOf(contactId).orElse(null);
  }

  @MutationMapping
  ErasurePayload erasePerson(@Argument String contactId) {
    try {
      return new ErasureDone(privacy.erase(contactId));
    } catch (Privacy.Rejected e) {
      return new ErasureRefused(e.code(), e.getMessage());
    }
  }
}
