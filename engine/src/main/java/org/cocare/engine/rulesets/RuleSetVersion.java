package org.cocare.engine.rulesets;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One version of a rule set and where it is in its life: {@link Status#DRAFT} (files may change),
 * {@link Status#APPROVED} (a second person approved it), {@link Status#ACTIVE} (the one version the
 * engine evaluates with) or {@link Status#RETIRED} (was active, or was replaced before activation).
 */
public record RuleSetVersion(
    String name,
    int version,
    Status status,
    String contentHash,
    Integer basedOn,
    String createdBy,
    Instant createdAt,
    String approvedBy,
    Instant approvedAt,
    Instant activatedAt) {

  public enum Status {
    DRAFT,
    APPROVED,
    ACTIVE,
    RETIRED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public RuleSetVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The label recorded on every recommendation, e.g. {@code cocare-default@3}. */
  public String label() {
    return name + "@" + version;
  }

  /** True when this version was active at some time (a roll-back target). */
  public boolean wasActive() {
    return activatedAt != null;
  }
}
