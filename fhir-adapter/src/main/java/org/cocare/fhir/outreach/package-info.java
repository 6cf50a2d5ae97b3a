/**
 * How a patient can be reached, read from their FHIR record: contact points with rank ({@code
 * Patient.telecom}), preferred language ({@code Patient.communication}), time zone (the {@code
 * timezone} extension) and whether an active {@code Consent} denies outreach. Knows HAPI's model;
 * knows nothing of how messages are planned, sent or stored.
 */
package org.cocare.fhir.outreach;
