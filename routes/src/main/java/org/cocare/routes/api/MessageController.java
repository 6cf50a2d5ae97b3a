package org.cocare.routes.api;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.cocare.engine.intake.MessageStatus;
import org.cocare.engine.intake.MessageStore;
import org.cocare.engine.intake.StoredMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/messages[?status=received|processed|rejected|failed|duplicate&limit=N]} and
 * {@code GET /api/messages/{id}}: what was received and what became of it. Never the body.
 */
@RestController
public class MessageController {
  private final MessageStore messages;

  public MessageController(MessageStore messages) {
    this.messages = messages;
  }

  /**
   * A stored message without its body; {@code detail} is the refusal outcome or failure summary.
   */
  public record MessageView(
      String id,
      Instant receivedAt,
      Instant lastReceivedAt,
      int receiveCount,
      String source,
      String contentType,
      String contentHash,
      String businessKey,
      String status,
      String detail,
      String duplicateOf,
      Instant processedAt) {
    static MessageView of(StoredMessage m) {
      return new MessageView(
          m.id(),
          m.receivedAt(),
          m.lastReceivedAt(),
          m.receiveCount(),
          m.source(),
          m.contentType(),
          m.contentHash(),
          m.businessKey(),
          m.status().code(),
          m.statusDetail(),
          m.duplicateOf(),
          m.processedAt());
    }
  }

  @GetMapping("/api/messages")
  public List<MessageView> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "100") int limit) {
    MessageStatus filter = status == null ? null : MessageStatus.fromCode(status);
    return messages.list(filter, Math.max(1, Math.min(limit, 1000))).stream()
        .map(MessageView::of)
        .toList();
  }

  @GetMapping("/api/messages/{id}")
  public MessageView get(@PathVariable String id) {
    return messages
        .find(id)
        .map(MessageView::of)
        .orElseThrow(() -> new NoSuchElementException("no message " + id));
  }
}
