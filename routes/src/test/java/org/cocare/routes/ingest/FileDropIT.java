package org.cocare.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;

/** Files dropped into the inbox are ingested like HTTP messages and filed under done/ or error/. */
class FileDropIT extends ApplicationIT {

  @Test
  void validBundle_isIngestedAndMovedToDone() throws IOException {
    drop("maria.json", example("bundles/maria-diabetes.json"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(INBOX.resolve("done/maria.json")));
    assertThat(jdbc.sql("select code from recommendations").query(String.class).list())
        .contains("education-diabetes-self-management", "screening-colorectal");
    assertThat(jdbc.sql("select source from messages").query(String.class).single())
        .isEqualTo("file maria.json");
  }

  @Test
  void xmlBundle_isIngestedToo() throws IOException {
    drop("ana.xml", example("bundles/ana-fobt.xml"));

    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(INBOX.resolve("done/ana.xml")));
    assertThat(count("patient_resources")).isEqualTo(2);
  }

  @Test
  void invalidFile_goesToErrorWithItsReason_andIsKeptAsRejected() throws IOException {
    drop(
        "broken.json",
        "{\"resourceType\":\"Patient\",\"id\":\"bad_id\"}".getBytes(StandardCharsets.UTF_8));

    Path reason = INBOX.resolve("error/broken.json.error.txt");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Files.exists(reason) && Files.exists(INBOX.resolve("error/broken.json")));
    assertThat(Files.readString(reason)).contains("Invalid Resource id").contains("Patient.id");
    assertThat(jdbc.sql("select status from messages").query(String.class).single())
        .isEqualTo("rejected");
    assertThat(count("patient_resources")).isZero();
  }

  /** Written under a name the route ignores, then renamed, as the inbox's contract asks. */
  private static void drop(String name, byte[] content) throws IOException {
    Path temp = INBOX.resolve(name + ".tmp");
    Files.write(temp, content);
    Files.move(temp, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
