/**
 * The HAPI FHIR plain server mounted at {@code /fhir}: a filter that stores every body raw and
 * validates it before anything else happens, providers for the system (transaction, batch,
 * collection, {@code $process-message}), for single resources, for reading recommendations and sent
 * messages, and for the questionnaires Cocare publishes. What happens to a message is behind {@link
 * org.cocare.fhir.server.MessageReceiver} and {@link org.cocare.fhir.server.IngestGateway}; this
 * package knows no database and no Camel.
 */
package org.cocare.fhir.server;
