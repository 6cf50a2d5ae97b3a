/**
 * Who may do what: HTTP Basic over configured users with the roles {@code integration} (send FHIR,
 * handle dead letters), {@code clinician} (read recommendations, dry-run), {@code patient} (own
 * data, later) and {@code admin} (everything). Only health is open.
 */
package org.cocare.routes.security;
