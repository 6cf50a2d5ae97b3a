package org.cocare.routes.ingest;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one place that says what happens when processing fails: two retries with exponential backoff
 * (a lock or a lost connection usually passes), then the dead-letter channel with the original
 * message id. Routes opt in by {@value #ID}.
 */
@Component
public class ProcessingErrors extends RouteConfigurationBuilder {
  public static final String ID = "processing-errors";

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .errorHandler(
            deadLetterChannel(Endpoints.DEAD_LETTER)
                .useOriginalMessage()
                .maximumRedeliveries(2)
                .redeliveryDelay(100)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .logExhausted(false)
                .logStackTrace(false));
  }
}
