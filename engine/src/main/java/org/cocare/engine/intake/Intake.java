package org.cocare.engine.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.fhir.intake.Outcomes;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.server.Receipt;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * The first thing that happens to any body, whatever the channel: it is stored raw, then read and
 * validated. Re-sending identical content touches the stored row instead of adding one; a different
 * body with the Bundle or MessageHeader id of a message already taken is kept but marked duplicate.
 */
public final class Intake implements MessageReceiver {
  private static final Logger log = LoggerFactory.getLogger(Intake.class);

  private final MessageStore messages;
  private final FhirReader reader;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Counter rejected;

  public Intake(MessageStore messages, FhirReader reader, Clock clock, MeterRegistry meters) {
    this.messages = messages;
    this.reader = reader;
    this.clock = clock;
    this.meters = meters;
    this.rejected =
        Counter.builder("cocare.messages.rejected")
            .description("Messages refused as malformed or invalid")
            .register(meters);
  }

  @Override
  public Receipt receive(byte[] body, String contentType, String source) {
    Counter.builder("cocare.messages.received")
        .description("Messages received, by channel")
        .tag("channel", source.split(" ", 2)[0])
        .register(meters)
        .increment();
    String hash = sha256(body);
    Optional<StoredMessage> same = messages.findByHash(hash);
    if (same.isPresent()) {
      return again(same.get(), contentType);
    }
    String id = UUID.randomUUID().toString();
    try {
      messages.insert(id, clock.instant(), source, contentType, hash, body);
    } catch (DuplicateKeyException raced) {
      return again(messages.findByHash(hash).orElseThrow(), contentType);
    }
    log.info("message {} received from {} ({} bytes)", id, source, body.length);
    try {
      Resource resource = reader.read(body, contentType);
      String key = MessageContent.businessKey(resource);
      if (key != null) {
        Optional<StoredMessage> earlier = messages.findTakenByBusinessKey(key, id);
        if (earlier.isPresent()) {
          messages.markDuplicate(id, earlier.get().id());
          log.info(
              "message {} is a duplicate of {} (same {})",
              id,
              earlier.get().id(),
              key.split("/")[0]);
          return new Receipt(earlier.get().id(), Receipt.Status.DUPLICATE, null, 200);
        }
        messages.setBusinessKey(id, key);
      }
      return new Receipt(id, Receipt.Status.ACCEPTED, null, 200);
    } catch (InvalidFhirException e) {
      messages.markRejected(id, encode(e.outcome()));
      rejected.increment();
      return new Receipt(id, Receipt.Status.REJECTED, e.outcome(), e.httpStatus());
    }
  }

  @Override
  public void rejectUnprocessed(String messageId, int httpStatus, String reason) {
    messages
        .find(messageId)
        .filter(m -> m.status() == MessageStatus.RECEIVED)
        .ifPresent(
            m -> {
              messages.markRejected(
                  messageId,
                  encode(
                      Outcomes.error(
                          ErrorCode.UNSUPPORTED,
                          IssueType.NOTSUPPORTED,
                          reason + " (HTTP " + httpStatus + ")",
                          null)));
              rejected.increment();
            });
  }

  private Receipt again(StoredMessage stored, String contentType) {
    messages.touch(stored.id(), clock.instant());
    return switch (stored.status()) {
      case PROCESSED -> new Receipt(stored.id(), Receipt.Status.DUPLICATE, null, 200);
      case DUPLICATE -> new Receipt(stored.duplicateOf(), Receipt.Status.DUPLICATE, null, 200);
      case RECEIVED, FAILED -> new Receipt(stored.id(), Receipt.Status.ACCEPTED, null, 200);
      case REJECTED -> rejectedAgain(stored, contentType);
    };
  }

  /**
   * The same refusal as the first time: the content has not changed, so neither has the verdict.
   */
  private Receipt rejectedAgain(StoredMessage stored, String contentType) {
    try {
      reader.read(stored.body(), contentType);
      // It reads now (e.g. the server refused an unsupported type): refuse it the same way.
      OperationOutcome outcome =
          reader
              .context()
              .newJsonParser()
              .parseResource(OperationOutcome.class, stored.statusDetail());
      return new Receipt(stored.id(), Receipt.Status.REJECTED, outcome, 400);
    } catch (InvalidFhirException e) {
      rejected.increment();
      return new Receipt(stored.id(), Receipt.Status.REJECTED, e.outcome(), e.httpStatus());
    }
  }

  private String encode(OperationOutcome outcome) {
    return reader.context().newJsonParser().encodeResourceToString(outcome);
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
