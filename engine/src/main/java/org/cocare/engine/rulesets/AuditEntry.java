package org.cocare.engine.rulesets;

import java.time.Instant;

/**
 * Who did what to which version of a rule set, and when. {@code detail} is the diff of an edit, the
 * problems a validation found, or a short note.
 */
public record AuditEntry(
    String id,
    String name,
    Integer version,
    String action,
    String actor,
    Instant at,
    String detail) {

  /** The actions recorded. */
  public static final String IMPORTED = "imported";

  public static final String CREATED = "created";
  public static final String EDITED = "edited";
  public static final String VALIDATED = "validated";
  public static final String TESTED = "tested";
  public static final String APPROVED = "approved";
  public static final String ACTIVATED = "activated";
  public static final String ACTIVATION_FAILED = "activation-failed";
  public static final String ROLLED_BACK = "rolled-back";
  public static final String RETIRED = "retired";
}
