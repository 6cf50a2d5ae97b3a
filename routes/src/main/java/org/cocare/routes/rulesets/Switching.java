package org.cocare.routes.rulesets;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cocare.engine.rulesets.RuleSetException;
import org.cocare.engine.rulesets.RuleSetVersion;

/**
 * Waits a while for an activation or roll-back that compiles on the registry's thread: the version
 * once it is active, or empty when it takes longer (it goes on, and the version's status shows when
 * it is done). A refusal comes back as the registry's {@link RuleSetException}.
 */
final class Switching {
  private Switching() {}

  static Optional<RuleSetVersion> await(
      CompletableFuture<RuleSetVersion> switching, Duration wait) {
    try {
      return Optional.of(switching.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuleSetException refused) {
        throw refused;
      }
      throw new IllegalStateException("activation failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while activating", e);
    }
  }
}
