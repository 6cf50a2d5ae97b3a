package org.cocare.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cocare.engine.notify.NotificationDelivery.Retry;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final Retry retry =
      new Retry(Duration.ofSeconds(30), Duration.ofMinutes(10), 8, Duration.ofMinutes(2));

  @Test
  void theWaitDoublesAfterEachFailedAttempt() {
    assertThat(retry.after(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(retry.after(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(retry.after(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(retry.after(5)).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void theWaitStopsGrowingAtTheMaximum() {
    assertThat(retry.after(6)).isEqualTo(Duration.ofMinutes(10));
    assertThat(retry.after(60)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void atLeastOneAttemptIsRequired() {
    assertThatThrownBy(
            () -> new Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), 0, Duration.ofSeconds(3)))
        .hasMessageContaining("at least 1");
  }
}
