/**
 * What value analysis reads from a patient's FHIR record: the traits that patient-participation
 * research controls for ({@link PatientTraits}: age, gender, education, visit reason, department,
 * read from a stored record by {@link PatientTraitsReader}) and the answers to Cocare's
 * participation questionnaire ({@link QuestionnaireAnswers}, scored by {@link Scale}), which {@link
 * ParticipationQuestionnaire} publishes as a FHIR Questionnaire and turns to and from {@code
 * QuestionnaireResponse}s. Knows HAPI's model; knows nothing of how the figures are computed.
 */
package org.cocare.fhir.value;
