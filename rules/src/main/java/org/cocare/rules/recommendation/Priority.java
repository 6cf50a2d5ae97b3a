package org.cocare.rules.recommendation;

import java.util.Arrays;
import java.util.Locale;

/** FHIR request priority (routine &lt; urgent &lt; asap &lt; stat). */
public enum Priority {
  ROUTINE,
  URGENT,
  ASAP,
  STAT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority fromCode(String code) {
    return Arrays.stream(values())
        .filter(p -> p.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown priority: " + code));
  }
}
