package org.cocare.routes.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.cocare.fhir.server.MessageReceiver;
import org.cocare.fhir.server.ProcessingOutcome;
import org.cocare.fhir.server.Receipt;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The file-drop route's steps: receive a file, insist it was processed, explain a failure. */
@Component
public class FileIntake {
  private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

  private final MessageReceiver receiver;
  private final InboxProperties inbox;

  public FileIntake(MessageReceiver receiver, InboxProperties inbox) {
    this.receiver = receiver;
    this.inbox = inbox;
  }

  /** Stores and validates the file; returns the stored message id, or refuses the file. */
  public String receive(byte[] body, @Header(Exchange.FILE_NAME_ONLY) String fileName) {
    String contentType =
        fileName.endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
    Receipt receipt = receiver.receive(body, contentType, "file " + fileName);
    if (receipt.status() == Receipt.Status.REJECTED) {
      throw new RefusedFileException(receipt.messageId(), describe(receipt.outcome()));
    }
    return receipt.messageId();
  }

  public void requireProcessed(ProcessingOutcome outcome) {
    if (outcome.status() == ProcessingOutcome.Status.FAILED) {
      throw new RefusedFileException(
          outcome.messageId(),
          "processing failed ("
              + outcome.error()
              + "); kept as dead letter "
              + outcome.deadLetterId()
              + ", replay it with POST /api/dead-letters/"
              + outcome.deadLetterId()
              + "/replay");
    }
  }

  /** Writes {@code error/<file>.error.txt} saying why the file was not taken. */
  public void writeErrorFile(
      @Header(Exchange.FILE_NAME_ONLY) String fileName,
      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure)
      throws IOException {
    Path errors = inbox.dir().toAbsolutePath().resolve("error");
    Files.createDirectories(errors);
    String text =
        failure instanceof RefusedFileException refused
            ? "message " + refused.messageId() + ": " + refused.reason()
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    Files.writeString(
        errors.resolve(fileName + ".error.txt"),
        text + System.lineSeparator(),
        StandardCharsets.UTF_8);
    log.warn("inbox file moved to error/ ({})", failure.getClass().getSimpleName());
  }

  private static String describe(OperationOutcome outcome) {
    StringBuilder text = new StringBuilder("refused:");
    outcome
        .getIssue()
        .forEach(
            issue -> {
              text.append(System.lineSeparator()).append("- ").append(issue.getDiagnostics());
              if (issue.hasExpression()) {
                text.append(" [at ").append(issue.getExpression().get(0).getValue()).append(']');
              }
            });
    return text.toString();
  }

  /**
   * A file that was stored but refused or not processed. The reason can quote the content (a bad
   * date, an id), so it goes only into the {@code .error.txt}; the exception's message, which may
   * be logged, names the stored message alone.
   */
  static final class RefusedFileException extends RuntimeException {
    private final String messageId;
    private final String reason;

    RefusedFileException(String messageId, String reason) {
      super("message " + messageId + " was not taken from the inbox; the reason is in error/");
      this.messageId = messageId;
      this.reason = reason;
    }

    String messageId() {
      return messageId;
    }

    String reason() {
      return reason;
    }
  }
}
