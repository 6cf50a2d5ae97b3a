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
  NOT_FOUND("COCARE-3001");

  public static final String SYSTEM = "https://cocare.org/fhir/CodeSystem/error";

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
