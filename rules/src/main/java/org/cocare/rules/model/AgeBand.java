package org.cocare.rules.model;

/**
 * A derived fact: the patient ({@code evidence}) is within the age band of recommendation {@code
 * code}, {@code minAge} to {@code maxAge} whole years on the as-of date, both ends included. The
 * band is written once, in a decision table; the reminder quotes it in its reason, so a changed
 * band is never explained with the old numbers.
 */
public record AgeBand(String code, String evidence, int minAge, int maxAge) {
  public AgeBand {
    if (minAge > maxAge) {
      throw new IllegalArgumentException(
          "age band of " + code + " starts at " + minAge + ", after its end " + maxAge);
    }
  }
}
