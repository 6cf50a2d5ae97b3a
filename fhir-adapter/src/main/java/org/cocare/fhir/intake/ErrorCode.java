package org.cocare.fhir.intake;

/**
 * Stable codes carried in every {@code OperationOutcome} Cocare returns, so a client can search for
 * a message (system {@value #SYSTEM}).
 */
public enum ErrorCode {
  /** The body is not well-formed JSON or XML, or not FHIR at all. */
  MALFORMED("COCARE-1001"),
  /**
   * The body parses but breaks the R4 specification (structure, cardinality, types, invariants).
   */
  INVALID("COCARE-1002"),
  /** Valid FHIR that this endpoint does not take (e.g. a non-Bundle posted to the system). */
  UNSUPPORTED("COCARE-1003"),
  /** The message was stored but processing failed; it is in the dead-letter store. */
  PROCESSING_FAILED("COCARE-2001"),
  /** The request asked for something that does not exist. */
  NOT_FOUND("COCARE-3001"),
  /** A query parameter is not understood (an unknown kind, a limit out of range). */
  INVALID_QUERY("COCARE-3002"),
  /** A rule set does not compile or is unsafe; one issue per problem, located at file:line:col. */
  RULE_SET_INVALID("COCARE-4001"),
  /** The rule-set version is in the wrong state for the request (e.g. editing an active one). */
  RULE_SET_STATE("COCARE-4002"),
  /** The user may not do this to this version (e.g. approve their own draft). */
  RULE_SET_FORBIDDEN("COCARE-4003"),
  /** The patient portal needs a genuine, unexpired patient token, and none was given. */
  PATIENT_TOKEN("COCARE-5001"),
  /** A patient token used on another patient's path, or a staff user on the portal. */
  PATIENT_FORBIDDEN("COCARE-5002"),
  /** A patient's answer or home reading is incomplete or out of range. */
  ANSWER_INVALID("COCARE-5003"),
  /** The recommendation is completed or closed and takes no more answers. */
  RECOMMENDATION_CLOSED("COCARE-5004");

  public static final String SYSTEM = "https://cocare.org/fhir/CodeSystem/error";

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
