package org.cocare.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.cocare.fhir.server.IngestFilter;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A message that fails after receipt is dead-lettered and replays once the cause is gone. The cause
 * is an outage simulated in front of the processing step (Camel AdviceWith): a database or rule
 * service outage cannot be produced on demand here.
 */
class DeadLetterIT extends ApplicationIT {
  static final AtomicBoolean OUTAGE = new AtomicBoolean();

  @Autowired CamelContext camel;

  @BeforeEach
  void simulateOutage() throws Exception {
    AdviceWith.adviceWith(
        camel,
        "process-message",
        route ->
            route
                .weaveById("process")
                .before()
                .process(
                    exchange -> {
                      if (OUTAGE.get()) {
                        throw new IllegalStateException("simulated evaluation outage");
                      }
                    }));
    OUTAGE.set(true);
  }

  @AfterEach
  void endOutage() {
    OUTAGE.set(false);
  }

  @Test
  void failedMessage_isListed_thenReplayedOnceTheCauseIsFixed() {
    HttpResponse<String> posted =
        post("integration", "/fhir", FHIR_JSON, example("bundles/maria-diabetes.json"));

    assertThat(posted.statusCode()).isEqualTo(500);
    assertThat(posted.body()).contains("COCARE-2001").contains("dead letter");
    String messageId = posted.headers().firstValue(IngestFilter.MESSAGE_ID_HEADER).orElseThrow();
    JsonNode deadLetters = json(get("integration", "/api/dead-letters?status=open"));
    assertThat(deadLetters.size()).isEqualTo(1);
    JsonNode deadLetter = deadLetters.get(0);
    assertThat(deadLetter.path("messageId").asString()).isEqualTo(messageId);
    assertThat(deadLetter.path("error").asString()).contains("simulated evaluation outage");
    assertThat(deadLetter.path("attempts").asInt()).isEqualTo(1);
    assertThat(count("recommendations")).isZero();
    assertThat(count("patient_resources")).isZero();

    OUTAGE.set(false);
    HttpResponse<String> replay = replay(deadLetter.path("id").asString());

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(json(replay).path("status").asString()).isEqualTo("PROCESSED");
    assertThat(count("recommendations")).isPositive();
    assertThat(json(get("integration", "/api/dead-letters?status=open")).size()).isZero();
    assertThat(json(get("integration", "/api/messages/" + messageId)).path("status").asString())
        .isEqualTo("processed");
    assertThat(replay(deadLetter.path("id").asString()).statusCode()).isEqualTo(409);
  }

  @Test
  void resendingAFailedMessage_retriesIt_withoutASecondDeadLetter() {
    byte[] bundle = example("bundles/maria-diabetes.json");
    post("integration", "/fhir", FHIR_JSON, bundle);
    post("integration", "/fhir", FHIR_JSON, bundle);

    JsonNode deadLetters = json(get("integration", "/api/dead-letters"));
    assertThat(deadLetters.size()).isEqualTo(1);
    assertThat(deadLetters.get(0).path("attempts").asInt()).isEqualTo(2);

    OUTAGE.set(false);
    assertThat(post("integration", "/fhir", FHIR_JSON, bundle).statusCode()).isEqualTo(200);
    assertThat(count("recommendations")).isPositive();
    assertThat(json(get("integration", "/api/dead-letters?status=open")).size()).isZero();
  }

  private HttpResponse<String> replay(String deadLetterId) {
    return send(
        "integration",
        HttpRequest.newBuilder(uri("/api/dead-letters/" + deadLetterId + "/replay"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }
}
