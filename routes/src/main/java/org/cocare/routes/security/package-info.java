/**
 * Who may do what: HTTP Basic over configured users with the roles {@code integration} (send FHIR,
 * handle dead letters), {@code clinician} (read recommendations, dry-run), {@code approver} and
 * {@code admin} (everything). The role {@code patient} is never a configured user: it is a patient
 * signed in with a token, on the portal's own chains ({@code org.cocare.routes.portal}). Only
 * health is open.
 */
package org.cocare.routes.security;
