/** Wiring of the engine and the FHIR server into the Spring application; no logic of its own. */
package org.cocare.routes.config;
