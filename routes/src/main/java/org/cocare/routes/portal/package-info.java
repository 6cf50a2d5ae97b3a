/**
 * The patient portal: signed patient tokens and message links, the patient's own inbox (page and
 * API) and their answers — done, not for me, remind me later, a usefulness rating, a home reading —
 * recorded as outcome events; the participation questionnaire, whose answers (like home readings)
 * enter the patient's record through the ordinary FHIR ingest; the tracking and unsubscribe links
 * of every message.
 */
package org.cocare.routes.portal;
