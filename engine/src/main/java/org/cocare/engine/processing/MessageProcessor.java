package org.cocare.engine.processing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.intake.MessageStatus;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.intake.StoredMessage;
import org.cocare.engine.notify.Outreach;
import org.cocare.engine.recommendation.RecommendationLifecycle;
import org.cocare.engine.record.PatientRecordStore;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.facts.ResourceChange;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.server.ProcessingOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one stored message. Idempotent by the message's status: a processed message or a
 * duplicate is not processed again; a received or failed one is (which is what replay means).
 * Failures propagate to the caller, which dead-letters the message.
 */
public final class MessageProcessor {
  private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);

  private final MessageStore messages;
  private final FhirReader reader;
  private final MessageContent content;
  private final PatientRecordStore records;
  private final Evaluator evaluator;
  private final RecommendationLifecycle lifecycle;
  private final Outreach outreach;
  private final DeadLetterStore deadLetters;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public MessageProcessor(
      MessageStore messages,
      FhirReader reader,
      PatientRecordStore records,
      Evaluator evaluator,
      RecommendationLifecycle lifecycle,
      Outreach outreach,
      DeadLetterStore deadLetters,
      TransactionTemplate transactions,
      Clock clock) {
    this.messages = messages;
    this.reader = reader;
    this.content = new MessageContent(reader.context());
    this.records = records;
    this.evaluator = evaluator;
    this.lifecycle = lifecycle;
    this.outreach = outreach;
    this.deadLetters = deadLetters;
    this.transactions = transactions;
    this.clock = clock;
  }

  public ProcessingOutcome process(String messageId) {
    StoredMessage message =
        messages
            .find(messageId)
            .orElseThrow(() -> new IllegalArgumentException("no stored message " + messageId));
    switch (message.status()) {
      case PROCESSED:
        return ProcessingOutcome.duplicate(message.id());
      case DUPLICATE:
        return ProcessingOutcome.duplicate(message.duplicateOf());
      case REJECTED:
        throw new IllegalStateException(
            "message " + messageId + " was rejected at receipt and cannot be processed");
      case RECEIVED:
      case FAILED:
      default:
        break;
    }
    List<ResourceChange> changes =
        content.changes(reader.parse(message.body(), message.contentType()));
    ProcessingOutcome outcome = transactions.execute(status -> apply(message, changes));
    log.info(
        "message {} processed: {} change(s), {} patient(s), {} issued, {} closed",
        messageId,
        outcome.changed().size(),
        outcome.patients().size(),
        outcome.recommendationsIssued(),
        outcome.recommendationsClosed());
    return outcome;
  }

  private ProcessingOutcome apply(StoredMessage message, List<ResourceChange> changes) {
    Instant now = clock.instant();
    Set<String> patients = records.apply(changes, message.id(), now);
    int issued = 0;
    int closed = 0;
    for (String patientId : patients) {
      List<Resource> record = records.load(patientId);
      Evaluation evaluation = evaluator.evaluate(patientId, record, null);
      RecommendationLifecycle.Changes result = lifecycle.reconcile(evaluation, now);
      outreach.plan(patientId, record, now);
      issued += result.issued();
      closed += result.closed();
    }
    messages.markProcessed(message.id(), now);
    if (message.status() == MessageStatus.FAILED) {
      deadLetters.resolve(message.id(), now);
    }
    List<String> changed = new ArrayList<>();
    changes.forEach(c -> changed.add(c.reference()));
    return ProcessingOutcome.processed(
        message.id(), changed, List.copyOf(patients), issued, closed);
  }
}
