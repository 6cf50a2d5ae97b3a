package org.cocare.rules.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validation shared by the fact records' compact constructors. */
final class Facts {
  private Facts() {}

  static String requireId(String id, String type) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(type + " fact needs a resource id");
    }
    return id;
  }

  static List<Code> codes(List<Code> codes) {
    return codes == null ? List.of() : List.copyOf(codes);
  }

  static Set<String> valueSets(Set<String> valueSets) {
    return valueSets == null ? Set.of() : Set.copyOf(valueSets);
  }

  static boolean hasCode(List<Code> codes, String system, String code) {
    return codes.stream().anyMatch(c -> code.equals(c.code()) && system.equals(c.system()));
  }

  /** The order intents of the eCQM status helpers. */
  static boolean isOrderIntent(String intent) {
    return statusIn(
        intent, "order", "original-order", "reflex-order", "filler-order", "instance-order");
  }

  static boolean statusIn(String status, String... accepted) {
    for (String candidate : accepted) {
      if (Objects.equals(candidate, status)) {
        return true;
      }
    }
    return false;
  }
}
