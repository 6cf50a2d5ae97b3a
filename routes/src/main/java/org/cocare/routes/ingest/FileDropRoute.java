package org.cocare.routes.ingest;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The inbox: each file is received like an HTTP message (stored raw, validated), then processed. A
 * refused or failed file goes to {@code error/} with the reason in a {@code .error.txt} beside it.
 */
@Component
@ConditionalOnProperty(name = "cocare.inbox.enabled", havingValue = "true")
public class FileDropRoute extends RouteBuilder {
  private final InboxProperties inbox;
  private final FileIntake intake;

  public FileDropRoute(InboxProperties inbox, FileIntake intake) {
    this.inbox = inbox;
    this.intake = intake;
  }

  @Override
  public void configure() {
    onException(Exception.class)
        .handled(false)
        .bean(intake, "writeErrorFile")
        .id("write-error-file");

    fromF(
            "file:%s?include=.*\\.(json|xml)$&move=done&moveFailed=error&readLock=changed"
                + "&readLockCheckInterval=200&readLockMinAge=200&delay=500",
            inbox.dir().toAbsolutePath())
        .routeId("file-drop")
        .bean(intake, "receive")
        .id("receive-file")
        .to(Endpoints.PROCESS)
        .bean(intake, "requireProcessed")
        .id("check-processed");
  }
}
