/**
 * Value analysis over HTTP and on a page: {@code GET /api/value/…} (JSON, CSV, a FHIR
 * MeasureReport) and the dashboard at {@code /ui/value} for clinicians and managers. Translates
 * requests into {@code ValueAnalysis} calls and its reports into JSON, CSV and charts; computes
 * nothing itself.
 */
package org.cocare.routes.value;
