package org.cocare.fhir.value;

/**
 * The traits of one patient that value analysis breaks figures down by and controls for, as the
 * record states them on the analysis date. Any trait may be null: the record does not say.
 *
 * @param age whole years on the analysis date
 * @param gender {@code Patient.gender} code: {@code female}, {@code male}, {@code other}, {@code
 *     unknown}
 * @param education the code of the newest "highest level of education" Observation (LOINC 82589-3)
 * @param visitReason the reason of the newest Encounter (first coding's code, else its text)
 * @param department the service of the newest Encounter ({@code serviceType}, first coding's code,
 *     else its text)
 */
public record PatientTraits(
    String patientId,
    Integer age,
    String gender,
    String education,
    String visitReason,
    String department) {

  /** The age bands figures are broken down by, as {@code from-to} whole years; the last is open. */
  public static final int[] AGE_BAND_STARTS = {0, 18, 40, 50, 65, 75};

  public PatientTraits {
    if (patientId == null || patientId.isBlank()) {
      throw new IllegalArgumentException("patient traits need the patient's id");
    }
    if (age != null && age < 0) {
      throw new IllegalArgumentException("age of " + patientId + " is negative: " + age);
    }
  }

  /** Nothing known but the id. */
  public static PatientTraits unknown(String patientId) {
    return new PatientTraits(patientId, null, null, null, null, null);
  }

  /** The age band, e.g. {@code 50-64} or {@code 75+}; null when the age is unknown. */
  public String ageBand() {
    if (age == null) {
      return null;
    }
    for (int i = AGE_BAND_STARTS.length - 1; i >= 0; i--) {
      if (age >= AGE_BAND_STARTS[i]) {
        return i == AGE_BAND_STARTS.length - 1
            ? AGE_BAND_STARTS[i] + "+"
            : AGE_BAND_STARTS[i] + "-" + (AGE_BAND_STARTS[i + 1] - 1);
      }
    }
    throw new IllegalStateException("unreachable: age " + age);
  }
}
