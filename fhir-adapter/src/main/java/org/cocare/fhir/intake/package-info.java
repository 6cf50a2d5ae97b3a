/**
 * Reading incoming FHIR: strict parsing (JSON or XML) and validation against the R4 base
 * specification, with every problem reported as an {@code OperationOutcome} issue that says what
 * and where. Knows no database and no transport.
 */
package org.cocare.fhir.intake;
