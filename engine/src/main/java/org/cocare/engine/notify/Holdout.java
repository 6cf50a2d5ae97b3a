package org.cocare.engine.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The randomised control group: a patient is held out of a rule's notifications when a hash of
 * patient id and rule id, read as a number in [0, 1), falls below the rule's holdout fraction. The
 * same patient and rule always land on the same side — across restarts, instances and releases —
 * and different rules split the patients independently.
 */
final class Holdout {
  private Holdout() {}

  /** Where the pair falls in [0, 1). */
  static double position(String patientId, String ruleId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(patientId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(ruleId.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  static boolean isHeldOut(String patientId, String ruleId, double fraction) {
    return fraction > 0 && position(patientId, ruleId) < fraction;
  }
}
