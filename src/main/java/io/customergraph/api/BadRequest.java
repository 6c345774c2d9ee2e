package io.customergraph.api;

/** A query argument outside what the API serves; reported to the client as BAD_REQUEST with this message. */
final class BadRequest extends IllegalArgumentException {
  BadRequest(String message) {
    super(message);
  }
}
