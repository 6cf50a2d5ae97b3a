package org.cocare.routes.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cocare.engine.notify.NotificationDelivery;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Delivery receipts from the SMS/push gateway: a sent message reached the device, or not. */
@RestController
@Tag(name = "Notifications", description = "Delivery receipts from the SMS/push gateway")
public class NotificationReceipts {
  private final NotificationDelivery delivery;

  public NotificationReceipts(NotificationDelivery delivery) {
    this.delivery = delivery;
  }

  /** {@code status}: {@code delivered} or {@code failed}; {@code detail}: the gateway's code. */
  public record Receipt(String status, String detail) {}

  @Operation(
      summary = "Record a delivery receipt for a sent notification",
      description =
          "The gateway reports that a message (by the id it was given as Idempotency-Key) was"
              + " delivered or failed; recorded as an outcome of every item it announced. Role:"
              + " integration.")
  @PostMapping("/api/notifications/{id}/receipt")
  public ResponseEntity<Void> receipt(@PathVariable String id, @RequestBody Receipt receipt) {
    boolean delivered;
    if ("delivered".equals(receipt.status())) {
      delivered = true;
    } else if ("failed".equals(receipt.status())) {
      delivered = false;
    } else {
      throw new ResponseStatusException(
          org.springframework.http.HttpStatus.BAD_REQUEST,
          "status must be delivered or failed, not " + receipt.status());
    }
    if (!delivery.receipt(id, delivered, receipt.detail())) {
      throw new ResponseStatusException(
          org.springframework.http.HttpStatus.NOT_FOUND, "no sent notification " + id);
    }
    return ResponseEntity.accepted().build();
  }
}
