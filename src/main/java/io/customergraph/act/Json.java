package io.customergraph.act;

import tools.jackson.databind.json.JsonMapper;

/** JSON for payloads and stored action details. */
final class Json {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
