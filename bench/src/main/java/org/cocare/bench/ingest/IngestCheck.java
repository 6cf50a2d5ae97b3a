package org.cocare.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * After a load: how the stored messages compare with what the load generator sent. Every request
 * answered 2xx must be a processed message; appends {@code stored}, {@code processed} and {@code
 * lost} (answered 2xx but not processed) to the load's figures file.
 *
 * <p>{@code IngestCheck JDBC_URL USER PASSWORD FIGURES_FILE}
 */
public final class IngestCheck {
  private IngestCheck() {}

  public static void main(String[] args) throws SQLException, IOException {
    Path figures = Path.of(args[3]);
    Map<String, Long> byStatus = new TreeMap<>();
    try (Connection db = DriverManager.getConnection(args[0], args[1], args[2]);
        Statement query = db.createStatement();
        ResultSet rows =
            query.executeQuery("select status, count(*) from messages group by status")) {
      while (rows.next()) {
        byStatus.put(rows.getString(1), rows.getLong(2));
      }
    }
    long stored = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long processed = byStatus.getOrDefault("processed", 0L);
    double answered = IngestReport.read(figures).get("answered 2xx").get(0);
    long lost = Math.max(0, (long) answered - processed);
    System.err.println("ingest: stored messages by status " + byStatus + ", lost " + lost);
    Files.writeString(
        figures,
        "stored\trequests\t"
            + stored
            + "\nprocessed\trequests\t"
            + processed
            + "\nlost\trequests\t"
            + lost
            + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
