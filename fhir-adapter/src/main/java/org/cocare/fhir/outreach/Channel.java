package org.cocare.fhir.outreach;

import java.util.Locale;

/** Where a notification goes: an email address, a phone for SMS, or the patient's portal inbox. */
public enum Channel {
  EMAIL,
  SMS,
  PORTAL;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Channel of(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
