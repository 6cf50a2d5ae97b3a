package org.cocare.rules.model;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule set's tunable thresholds (ages, windows, due offsets) as one fact, so each threshold is
 * written once, in the rule set's {@code parameters.properties}, and clinicians change it there.
 * Asking for a parameter that does not exist fails the evaluation with the missing name.
 */
public record Parameters(Map<String, String> values) {
  public Parameters {
    values = Map.copyOf(values);
  }

  public String text(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "rule parameter '" + name + "' is not defined; known: " + new TreeMap<>(values).keySet());
    }
    return value.trim();
  }

  public int intValue(String name) {
    String value = text(name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "rule parameter '" + name + "' must be a whole number, was '" + value + "'", e);
    }
  }

  /** The whole-number parameter, or {@code fallback} when the rule set does not define it. */
  public int intValueOr(String name, int fallback) {
    return values.containsKey(name) ? intValue(name) : fallback;
  }

  /** True when the comma-separated list parameter {@code name} contains {@code value}. */
  public boolean listIncludes(String name, String value) {
    return value != null
        && Arrays.stream(text(name).split(",")).map(String::trim).anyMatch(value::equals);
  }
}
