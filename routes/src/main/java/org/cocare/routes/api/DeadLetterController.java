package org.cocare.routes.api;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.cocare.engine.deadletter.DeadLetter;
import org.cocare.engine.deadletter.DeadLetterStore;
import org.cocare.fhir.server.IngestGateway;
import org.cocare.fhir.server.ProcessingOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dead-letters[?status=open|replayed]} lists failed messages; {@code POST
 * /api/dead-letters/{id}/replay} processes the stored message again through the same route.
 */
@RestController
public class DeadLetterController {
  private final DeadLetterStore deadLetters;
  private final IngestGateway gateway;

  public DeadLetterController(DeadLetterStore deadLetters, IngestGateway gateway) {
    this.deadLetters = deadLetters;
    this.gateway = gateway;
  }

  @GetMapping("/api/dead-letters")
  public List<DeadLetter> list(@RequestParam(required = false) String status) {
    return deadLetters.list(
        status == null ? null : DeadLetter.Status.valueOf(status.toUpperCase(Locale.ROOT)));
  }

  @GetMapping("/api/dead-letters/{id}")
  public DeadLetter get(@PathVariable String id) {
    return deadLetters
        .find(id)
        .orElseThrow(() -> new NoSuchElementException("no dead letter " + id));
  }

  /**
   * 200 with the outcome when the replay processed the message; 409 if already replayed; 500 if it
   * failed again.
   */
  @PostMapping("/api/dead-letters/{id}/replay")
  public ResponseEntity<ProcessingOutcome> replay(@PathVariable String id) {
    DeadLetter deadLetter = get(id);
    if (deadLetter.status() != DeadLetter.Status.OPEN) {
      throw new IllegalStateException(
          "dead letter " + id + " was already replayed at " + deadLetter.replayedAt());
    }
    ProcessingOutcome outcome = gateway.process(deadLetter.messageId());
    return ResponseEntity.status(
            outcome.status() == ProcessingOutcome.Status.FAILED
                ? HttpStatus.INTERNAL_SERVER_ERROR
                : HttpStatus.OK)
        .body(outcome);
  }
}
