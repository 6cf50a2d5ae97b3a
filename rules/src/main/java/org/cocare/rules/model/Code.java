package org.cocare.rules.model;

import java.util.Objects;

/** One coding: a code within a code system. */
public record Code(String system, String code) {
  public Code {
    Objects.requireNonNull(code, "code must not be null");
  }

  @Override
  public String toString() {
    return (system == null ? "" : system + "|") + code;
  }
}
