package org.cocare.routes.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.fhir.server.ProcessingOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records a message whose processing failed and answers with a failed outcome. */
@Component
public class DeadLetterRecorder {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterRecorder.class);

  private final DeadLetterStore store;

  public DeadLetterRecorder(DeadLetterStore store) {
    this.store = store;
  }

  public ProcessingOutcome record(
      String messageId, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
    String deadLetterId = store.record(messageId, failure);
    log.warn(
        "message {} dead-lettered as {} after {}",
        messageId,
        deadLetterId,
        failure.getClass().getSimpleName());
    return ProcessingOutcome.failed(messageId, deadLetterId, failure.getClass().getSimpleName());
  }
}
