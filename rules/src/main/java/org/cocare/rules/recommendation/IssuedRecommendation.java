package org.cocare.rules.recommendation;

import java.time.Instant;
import java.util.Objects;

/**
 * A recommendation as issued to a patient and kept: its id, the rule-set version that made it, and
 * where it is in its life (open, completed because evidence closed the gap, or closed because it no
 * longer applies). {@code closeReason} and {@code closeEvidence} say why it ended.
 */
public record IssuedRecommendation(
    String id,
    String patientId,
    Recommendation recommendation,
    String ruleSetVersion,
    Status status,
    Instant issuedAt,
    Instant closedAt,
    String closeReason,
    String closeEvidence) {

  public enum Status {
    OPEN,
    COMPLETED,
    CLOSED;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public IssuedRecommendation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(recommendation, "recommendation");
    Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }
}
