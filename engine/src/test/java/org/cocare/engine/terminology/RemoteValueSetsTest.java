package org.cocare.engine.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cocare.rules.model.Code;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code $expand} against a real HTTP server on loopback, answering as a terminology server does.
 */
class RemoteValueSetsTest {
  static final String KNOWN = "http://example.org/ValueSet/hba1c";
  static final String EXPANSION =
      """
      {"resourceType":"ValueSet","url":"http://example.org/ValueSet/hba1c","status":"active",
       "expansion":{"timestamp":"2026-01-01T00:00:00Z","contains":[
         {"system":"http://loinc.org","code":"4548-4"},
         {"abstract":true,"display":"group","contains":[{"system":"http://loinc.org","code":"17856-6"}]}]}}
      """;

  HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/fhir/ValueSet/$expand",
        exchange -> {
          requests.incrementAndGet();
          String query =
              URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
          byte[] body =
              (query.equals("url=" + KNOWN) ? EXPANSION : "{\"resourceType\":\"OperationOutcome\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
          exchange.sendResponseHeaders(query.equals("url=" + KNOWN) ? 200 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  RemoteValueSets remote() {
    return new RemoteValueSets(
        FhirContext.forR4Cached(),
        URI.create("http://localhost:" + server.getAddress().getPort() + "/fhir"),
        Duration.ofHours(1),
        Duration.ofSeconds(5));
  }

  @Test
  void expansion_isFetchedOnce_thenServedFromTheCache() {
    RemoteValueSets remote = remote();

    assertThat(remote.expansion(KNOWN).orElseThrow())
        .containsExactlyInAnyOrder(
            new Code("http://loinc.org", "4548-4"), new Code("http://loinc.org", "17856-6"));
    assertThat(remote.expansion(KNOWN)).isPresent();
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void unknownValueSet_isNotHeld_andThatAnswerIsCachedToo() {
    RemoteValueSets remote = remote();

    assertThat(remote.expansion("http://example.org/ValueSet/unknown")).isEmpty();
    assertThat(remote.expansion("http://example.org/ValueSet/unknown")).isEmpty();
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void unreachableServer_isAnError_notAnEmptyValueSet() {
    RemoteValueSets remote = remote();
    server.stop(0);

    assertThatThrownBy(() -> remote.expansion(KNOWN)).hasMessageContaining("cannot be reached");
  }

  @Test
  void remoteSource_servesTheRulesWhenNoFolderHoldsTheValueSet() {
    Terminology terminology = Terminology.build(java.util.Set.of(KNOWN), List.of(remote()), "test");

    assertThat(terminology.valueSetsContaining("http://loinc.org", "17856-6"))
        .containsExactly(KNOWN);
  }
}
