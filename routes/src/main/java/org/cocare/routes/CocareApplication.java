package org.cocare.routes;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application: FHIR server, REST API, Camel routes, stores. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CocareApplication {}
