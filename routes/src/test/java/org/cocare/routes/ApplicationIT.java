package org.cocare.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service over real HTTP, on a fresh in-memory H2 database, with a temporary inbox.
 * Subclasses share one application context (same configuration), so the service starts once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApplicationIT {
  protected static final Path INBOX = tempDir("cocare-it-inbox");
  // Empty: each run compiles the rule set and writes its entry, as a first start does.
  protected static final Path RULE_CACHE = tempDir("cocare-it-rule-cache");
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  protected static final String FHIR_JSON = "application/fhir+json";

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;

  protected final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () ->
            "jdbc:h2:mem:cocare-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    registry.add("cocare.inbox.enabled", () -> "true");
    registry.add("cocare.inbox.dir", INBOX::toString);
    registry.add("cocare.rules.cache-dir", RULE_CACHE::toString);
    // Tests that deliver run the deliverer themselves; a timer sending meanwhile would add events
    // to the timelines other tests read.
    registry.add("cocare.delivery.enabled", () -> "false");
  }

  @BeforeEach
  void cleanDatabase() {
    for (String table :
        new String[] {
          "dead_letters",
          "messages",
          "patient_resources",
          "recommendations",
          "outcome_events",
          "notification_items",
          "notifications",
          "outreach_opt_outs",
          "outreach_opt_out_events"
        }) {
      jdbc.sql("delete from " + table).update();
    }
  }

  protected HttpResponse<String> post(String user, String path, String contentType, byte[] body) {
    return send(
        user,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  protected HttpResponse<String> put(String user, String path, String contentType, byte[] body) {
    return send(
        user,
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  protected HttpResponse<String> get(String user, String path) {
    return send(user, HttpRequest.newBuilder(uri(path)).GET());
  }

  protected HttpResponse<String> send(String user, HttpRequest.Builder request) {
    return send(http, user, request);
  }

  /**
   * Sends a request as one of the demo accounts ({@code user}'s password is {@code user-demo}), or
   * anonymously when {@code user} is null.
   */
  public static HttpResponse<String> send(
      HttpClient http, String user, HttpRequest.Builder request) {
    if (user != null) {
      String password = user + "-demo";
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  protected static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  protected int count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
  }

  protected static Path examples() {
    return Path.of(System.getProperty("cocare.examples.dir", "../examples"));
  }

  protected static byte[] example(String name) {
    try {
      return Files.readAllBytes(examples().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix + "-" + UUID.randomUUID());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
