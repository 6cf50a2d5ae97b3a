package org.cocare.routes.config;

import ca.uhn.fhir.context.FhirContext;
import org.cocare.fhir.server.CocareFhirServer;
import org.cocare.fhir.server.IngestFilter;
import org.cocare.fhir.server.IngestGateway;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.server.RecommendationSource;
import org.cocare.fhir.server.SentMessageSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the HAPI plain server at {@code /fhir}, behind the filter that stores every body first.
 */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

  @Bean
  ServletRegistrationBean<CocareFhirServer> fhirServer(
      FhirContext context,
      IngestGateway gateway,
      RecommendationSource recommendations,
      SentMessageSource sentMessages) {
    ServletRegistrationBean<CocareFhirServer> registration =
        new ServletRegistrationBean<>(
            new CocareFhirServer(context, gateway, recommendations, sentMessages), "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }

  /** Runs after Spring Security (so the sender is known) and before the FHIR server. */
  @Bean
  FilterRegistrationBean<IngestFilter> ingestFilter(FhirContext context, MessageReceiver receiver) {
    FilterRegistrationBean<IngestFilter> registration =
        new FilterRegistrationBean<>(new IngestFilter(context, receiver));
    registration.addServletNames("fhir");
    registration.setOrder(0);
    return registration;
  }
}
