package org.cocare.routes.ingest;

import org.apache.camel.builder.RouteBuilder;
import org.cocare.engine.processing.MessageProcessor;
import org.springframework.stereotype.Component;

/**
 * Processes a stored message by id (body: the message id; reply: a {@code ProcessingOutcome}).
 * Failures end in the dead-letter route, which replies with a failed outcome.
 */
@Component
public class ProcessRoute extends RouteBuilder {
  private final MessageProcessor processor;
  private final DeadLetterRecorder deadLetters;

  public ProcessRoute(MessageProcessor processor, DeadLetterRecorder deadLetters) {
    this.processor = processor;
    this.deadLetters = deadLetters;
  }

  @Override
  public void configure() {
    from(Endpoints.PROCESS)
        .routeId("process-message")
        .routeConfigurationId(ProcessingErrors.ID)
        .bean(processor, "process")
        .id("process");

    from(Endpoints.DEAD_LETTER)
        .routeId("dead-letter")
        .bean(deadLetters, "record")
        .id("record-dead-letter");
  }
}
