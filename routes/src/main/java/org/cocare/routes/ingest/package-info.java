/**
 * Camel routes that carry messages: processing of a stored message with retries and a dead-letter
 * channel, the file-drop inbox, and the gateway the FHIR server hands over to. Routes orchestrate;
 * the engine's beans do the work.
 */
package org.cocare.routes.ingest;
