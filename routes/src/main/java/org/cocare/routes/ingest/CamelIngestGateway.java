package org.cocare.routes.ingest;

import org.apache.camel.ProducerTemplate;
import org.cocare.fhir.server.IngestGateway;
import org.cocare.fhir.server.ProcessingOutcome;
import org.springframework.stereotype.Component;

/** The FHIR server's and the API's way into the processing route. */
@Component
public class CamelIngestGateway implements IngestGateway {
  private final ProducerTemplate producer;

  public CamelIngestGateway(ProducerTemplate producer) {
    this.producer = producer;
  }

  @Override
  public ProcessingOutcome process(String messageId) {
    return producer.requestBody(Endpoints.PROCESS, messageId, ProcessingOutcome.class);
  }
}
