package org.cocare.routes.config;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cocare.fhir.intake.FhirReader;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Warms the FHIR validator on a thread of its own from the moment the reader is built: its first
 * use costs seconds (HAPI loads and converts every StructureDefinition), which at start-up can run
 * beside compiling the rule set and starting the rest. The application is not ready before the
 * warm-up is done: runners finish before readiness, so {@code /actuator/health} is not UP earlier,
 * and a warm-up that fails still fails the start.
 */
final class ValidatorWarmUp implements ApplicationRunner {
  private final FhirReader reader;
  private final CompletableFuture<Void> done;

  ValidatorWarmUp(FhirReader reader) {
    this.reader = reader;
    this.done =
        CompletableFuture.runAsync(
            reader::warmUp,
            task -> {
              Thread thread = new Thread(task, "cocare-validator-warm-up");
              thread.setDaemon(true);
              thread.start();
            });
  }

  FhirReader reader() {
    return reader;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
