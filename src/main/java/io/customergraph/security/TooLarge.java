package io.customergraph.security;

import java.io.IOException;

/** A request body that passed its size limit while being read (sent without a length, so not refused up front). */
public final class TooLarge extends IOException {
  public TooLarge(String message) {
    super(message);
  }
}
