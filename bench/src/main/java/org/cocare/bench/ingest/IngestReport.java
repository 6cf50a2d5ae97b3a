package org.cocare.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;

/**
 * Writes the {@code ingest} section from the figures {@link IngestLoad} and {@link IngestCheck}
 * wrote for H2 and for PostgreSQL. The targets are H2's: at least 500 messages/s at the best
 * concurrency, and p99 under 50 ms in the open loop at half that rate. PostgreSQL is reported.
 *
 * <p>{@code IngestReport RESULTS_DIR COMMAND H2_FIGURES [POSTGRES_FIGURES]}
 */
public final class IngestReport {
  private IngestReport() {}

  /** The figures of one load, by name (without the unit), in the order written. */
  static Map<String, List<Double>> read(Path file) {
    Map<String, List<Double>> figures = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t");
        if (parts.length == 3) {
          figures.put(
              parts[0], Arrays.stream(parts[2].split(",")).map(Double::parseDouble).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return figures;
  }

  public static void main(String[] args) {
    Section section = new Section("HTTP ingest with persistence", args[1]);
    add(section, "H2", read(Path.of(args[2])), true);
    if (args.length > 3 && Files.exists(Path.of(args[3]))) {
      add(section, "PostgreSQL", read(Path.of(args[3])), false);
    }
    section.note(
        "Closed loop: C clients each send the next transaction Bundle (one fresh eCQM patient)"
            + " as soon as the last is answered; the max rate is the best C's median. Open loop:"
            + " requests due at fixed intervals at half the max rate, latency measured from the"
            + " due time (queueing counts). Runs are intervals of the same phase. *lost* counts"
            + " requests answered 2xx whose message is not stored as processed.");
    section.write(Path.of(args[0]), "ingest");
  }

  private static void add(
      Section section, String db, Map<String, List<Double>> f, boolean targets) {
    int best = (int) Math.round(f.get("max rate clients").get(0));
    List<Double> bestRuns = f.get("closed C=" + best + " rate");
    String max = String.format(Locale.ROOT, "ingest %s, max rate (closed loop, C=%d)", db, best);
    section.add(
        targets ? Figure.atLeast(max, "msg/s", bestRuns, 500) : Figure.of(max, "msg/s", bestRuns));
    for (String p : List.of("p50", "p95", "p99")) {
      section.add(
          Figure.of(
              String.format(Locale.ROOT, "ingest %s, %s at max rate (C=%d)", db, p, best),
              "ms",
              f.get("closed C=" + best + " " + p)));
    }
    String at =
        String.format(
            Locale.ROOT, "at half max (%.0f msg/s asked)", f.get("open rate asked").get(0));
    section.add(Figure.of("ingest " + db + ", open-loop rate " + at, "msg/s", f.get("open rate")));
    section.add(Figure.of("ingest " + db + ", p50 " + at, "ms", f.get("open p50")));
    section.add(Figure.of("ingest " + db + ", p95 " + at, "ms", f.get("open p95")));
    String p99 = "ingest " + db + ", p99 " + at;
    section.add(
        targets
            ? Figure.atMost(p99, "ms", f.get("open p99"), 50)
            : Figure.of(p99, "ms", f.get("open p99")));
    double errors =
        f.entrySet().stream()
            .filter(e -> e.getKey().endsWith("errors"))
            .flatMap(e -> e.getValue().stream())
            .mapToDouble(Double::doubleValue)
            .sum();
    section.add(
        Figure.atMost(
            "ingest " + db + ", errors (non-2xx, all phases)", "requests", List.of(errors), 0));
    if (f.containsKey("lost")) {
      section.add(
          Figure.atMost(
              "ingest " + db + ", answered 2xx but not stored processed",
              "messages",
              f.get("lost"),
              0));
    }
    StringBuilder table =
        new StringBuilder(
            db
                + " closed loop by concurrency (median of runs):\n\n"
                + "| C | msg/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
    for (String key : f.keySet()) {
      if (key.startsWith("closed C=") && key.endsWith(" rate")) {
        String c = key.substring("closed C=".length(), key.length() - " rate".length());
        String prefix = "closed C=" + c + " ";
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %.0f | %.1f | %.1f | %.1f | %.0f |\n",
                c,
                IngestLoad.median(f.get(prefix + "rate")),
                IngestLoad.median(f.get(prefix + "p50")),
                IngestLoad.median(f.get(prefix + "p95")),
                IngestLoad.median(f.get(prefix + "p99")),
                f.get(prefix + "errors").stream().mapToDouble(Double::doubleValue).sum()));
      }
    }
    if (f.containsKey("stored")) {
      table.append(
          String.format(
              Locale.ROOT,
              "\nSent %.0f requests (warm-up included), %.0f answered 2xx; the database holds %.0f"
                  + " messages, %.0f processed.",
              f.get("sent").get(0),
              f.get("answered 2xx").get(0),
              f.get("stored").get(0),
              f.get("processed").get(0)));
    }
    section.note(table.toString());
  }
}
