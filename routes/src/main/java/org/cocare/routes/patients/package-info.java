/**
 * The clinician's page of one patient's recommendations: what is open, what closed and why, and the
 * rule-set version that made each. Reads the recommendation store; decides nothing.
 */
package org.cocare.routes.patients;
