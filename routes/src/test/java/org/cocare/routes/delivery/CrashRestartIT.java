package org.cocare.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cocare.routes.delivery.TestRecords.email;
import static org.cocare.routes.delivery.TestRecords.phone;
import static org.cocare.routes.delivery.TestRecords.zoneWhereItIs;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox across crashes: the packaged service runs as a separate process on its embedded
 * default database (an H2 file) and is killed (SIGKILL, no shutdown hooks) — once right after
 * accepting two patients, between "planned" and "sent"; once while the SMS gateway holds an
 * accepted message without answering. Each restart delivers what is left, and every notification
 * reaches the patient exactly once: the email because it was never sent before, the SMS because the
 * gateway sees the same Idempotency-Key again.
 */
class CrashRestartIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path JAR = Path.of("target", "cocare.jar");
  private static final Duration STARTUP = Duration.ofSeconds(180);

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();
  private GreenMail mail;
  private SmsGateway gateway;
  private Path work;
  private int port;

  @BeforeEach
  void start() throws IOException {
    assertThat(JAR).as("the packaged service (mvn package builds it before the ITs)").exists();
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    gateway = new SmsGateway();
    work = Files.createTempDirectory("cocare-crash");
  }

  @AfterEach
  void stop() {
    processes.forEach(Process::destroyForcibly);
    mail.stop();
    gateway.close();
  }

  @Test
  void killedBetweenPlannedAndSent_andWhileTheGatewayHeldAnAnswer_eachMessageArrivesOnce()
      throws Exception {
    // 1. Planned, never sent: delivery is off, then the process is killed.
    Process first = service(false);
    sendPatient("crash-mail", email("crash@example.org"));
    sendPatient("crash-sms", phone("+15555550177"));
    assertThat(kinds("crash-mail")).contains("planned").doesNotContain("sent");
    kill(first);

    // 2. Delivery on: the email goes; the gateway takes the SMS on but holds its answer, and the
    //    process is killed before it hears back, so the SMS is still 'planned' in the outbox.
    gateway.holdNextAnswer();
    Process second = service(true);
    await().atMost(STARTUP).until(() -> gateway.requests().size() == 1);
    assertThat(mail.waitForIncomingEmail(STARTUP.toMillis(), 1)).isTrue();
    kill(second);
    gateway.releaseHeld();

    // 3. After its lease the SMS is due again and sent with the same key: the gateway keeps one.
    service(true);
    await().atMost(STARTUP).until(() -> sentChannels("crash-sms").contains("sms"));
    await().atMost(STARTUP).until(() -> sentChannels("crash-mail").contains("portal"));

    assertThat(mail.getReceivedMessages()).hasSize(1);
    assertThat(gateway.requests()).hasSize(2);
    assertThat(gateway.requests())
        .extracting(SmsGateway.Request::idempotencyKey)
        .containsOnly(gateway.requests().get(0).idempotencyKey());
    assertThat(gateway.accepted()).hasSize(1);
    assertThat(sentChannels("crash-mail")).containsExactlyInAnyOrder("email", "portal");
    assertThat(sentChannels("crash-sms")).containsExactlyInAnyOrder("sms", "portal");
  }

  // --- the service as a process -------------------------------------------------------------

  private Process service(boolean deliver) throws IOException {
    port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-jar",
            JAR.toAbsolutePath().toString(),
            "--server.port=" + port,
            "--cocare.delivery.enabled=" + deliver,
            "--cocare.delivery.poll-interval=500ms",
            "--cocare.delivery.retry.lease=2s",
            "--cocare.delivery.email.host=127.0.0.1",
            "--cocare.delivery.email.port=" + mail.getSmtp().getPort(),
            "--cocare.delivery.webhook.url=" + gateway.url(),
            "--cocare.notify.quiet-from=00:00",
            "--cocare.notify.quiet-until=00:00");
    Path log = work.resolve("service-" + processes.size() + ".log");
    Process process =
        new ProcessBuilder(command)
            // The embedded default database and inbox, under ./data and ./inbox of this folder.
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    processes.add(process);
    await()
        .atMost(STARTUP)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              assertThat(process.isAlive()).as("service died; see " + log).isTrue();
              return healthy();
            });
    return process;
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private boolean healthy() {
    try {
      return send(null, HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode() == 200;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof ConnectException) {
        return false;
      }
      throw e;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- talking to it ----------------------------------------------------------------------------

  private void sendPatient(String id, String contact) {
    String bundle = TestRecords.patientBundle(id, 50, "en", zoneWhereItIs(LocalTime.NOON), contact);
    HttpResponse<String> response =
        send(
            "integration",
            HttpRequest.newBuilder(uri("/fhir"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundle, StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
  }

  /** The kinds of the patient's colorectal screening events. */
  private List<String> kinds(String patient) {
    return colorectal(patient).findValuesAsString("kind");
  }

  /** The channels the colorectal reminder was sent by, once per sending. */
  private List<String> sentChannels(String patient) {
    List<String> channels = new ArrayList<>();
    colorectal(patient)
        .forEach(
            e -> {
              if (e.path("kind").asString().equals("sent")) {
                channels.add(e.path("detail").asString());
              }
            });
    return channels;
  }

  private JsonNode colorectal(String patient) {
    HttpResponse<String> response =
        send(
            "clinician",
            HttpRequest.newBuilder(uri("/api/patients/" + patient + "/timeline")).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(response.body())
        .forEach(
            e -> {
              if (e.path("code").asString().equals("screening-colorectal")) {
                events.add(e);
              }
            });
    return JSON.valueToTree(events);
  }

  private HttpResponse<String> send(String user, HttpRequest.Builder request) {
    return ApplicationIT.send(http, user, request);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
