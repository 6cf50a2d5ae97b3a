package org.cocare.engine.intake;

import java.time.Instant;

/**
 * A received message as stored. {@code body} is null in listings, which never carry content. {@code
 * statusDetail} is the refusal's OperationOutcome (JSON) or the failure's error summary.
 */
public record StoredMessage(
    String id,
    Instant receivedAt,
    Instant lastReceivedAt,
    int receiveCount,
    String source,
    String contentType,
    String contentHash,
    String businessKey,
    MessageStatus status,
    String statusDetail,
    String duplicateOf,
    Instant processedAt,
    byte[] body) {}
