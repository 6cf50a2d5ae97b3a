package org.cocare.engine.intake;

import java.util.Locale;

/**
 * Where a stored message is: received, then processed, rejected, failed (dead-lettered) or a
 * duplicate.
 */
public enum MessageStatus {
  RECEIVED,
  PROCESSED,
  REJECTED,
  FAILED,
  DUPLICATE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MessageStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
