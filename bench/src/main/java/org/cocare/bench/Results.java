package org.cocare.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Joins the stages' sections into {@code bench/RESULTS.md}: the machine and JVM, a summary of every
 * figure that has a target, the sections in pipeline order, then the notes in {@code bench/notes}
 * (what the profiles showed and what was changed because of them).
 *
 * <p>{@code Results RESULTS_DIR OUT SECONDS COMMAND}
 */
public final class Results {
  /** Sections in the order a patient meets them; any other follows, by name. */
  private static final List<String> ORDER =
      List.of("populations", "jmh", "synthea-costs", "evaluate", "ingest", "startup", "profile");

  private static final Pattern ROW =
      Pattern.compile("^\\| (.+?) \\| (.+?) \\| .+? \\| \\d+ \\| ([≤≥] .+?) \\| (.+?) \\|$");

  private Results() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long seconds = Long.parseLong(args[2]);
    String command = args[3];
    Path notes = out.getParent().resolve("notes");
    List<Path> sections = sections(results);
    StringBuilder md = new StringBuilder();
    md.append("# Cocare benchmark results\n\n");
    md.append(
        "Written by `bench/run.sh`; reproduce with `"
            + command.strip()
            + "` on a clean clone (the eCQM cases in `../shared`). Figures are for the machine"
            + " below: what carries over to another is the ratios.\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| date | ")
        .append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
        .append(" |\n");
    md.append("| commit | ").append(env("COCARE_COMMIT").orElse("unknown")).append(" |\n");
    md.append("| machine | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(cpuModel())
        .append(", ")
        .append(memory())
        .append(" |\n");
    md.append("| OS | ").append(osName()).append(" |\n");
    md.append("| load average before the run | ")
        .append(env("COCARE_LOAD_BEFORE").orElse("unknown"))
        .append(" |\n");
    md.append("| JVM | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.vm.version"))
        .append(" (")
        .append(System.getProperty("java.vm.vendor"))
        .append(") |\n");
    md.append("| whole run | ").append(seconds / 60).append(" min ").append(seconds % 60);
    md.append(" s |\n\n");
    md.append("## Targets\n\n| figure | median | target | |\n|---|---|---|---|\n");
    List<String> bodies = new ArrayList<>();
    for (Path section : sections) {
      String body = Files.readString(section, StandardCharsets.UTF_8);
      bodies.add(body);
      for (String line : body.split("\n")) {
        Matcher row = ROW.matcher(line);
        if (row.matches()) {
          md.append("| ")
              .append(row.group(1))
              .append(" | ")
              .append(row.group(2))
              .append(" | ")
              .append(row.group(3))
              .append(" | ")
              .append(row.group(4))
              .append(" |\n");
        }
      }
    }
    md.append('\n');
    bodies.forEach(md::append);
    if (Files.isDirectory(notes)) {
      try (Stream<Path> files = Files.list(notes)) {
        for (Path note : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
          md.append(Files.readString(note, StandardCharsets.UTF_8).strip()).append("\n\n");
        }
      }
    }
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
  }

  private static List<Path> sections(Path results) throws IOException {
    try (Stream<Path> files = Files.list(results)) {
      return files
          .filter(f -> f.toString().endsWith(".md"))
          .sorted(
              (a, b) -> {
                int ia = rank(a);
                int ib = rank(b);
                return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
              })
          .toList();
    }
  }

  private static int rank(Path section) {
    String name = section.getFileName().toString().replaceFirst("\\.md$", "");
    int index = ORDER.indexOf(name);
    return index < 0 ? ORDER.size() : index;
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name")
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .orElse("unknown CPU");
  }

  private static String memory() {
    return firstLine(Path.of("/proc/meminfo"), "MemTotal")
        .map(l -> l.replaceAll("\\D+", ""))
        .map(kb -> Math.round(Long.parseLong(kb) / 1024.0 / 1024.0) + " GiB")
        .orElse("unknown memory");
  }

  private static String osName() {
    return firstLine(Path.of("/etc/os-release"), "PRETTY_NAME")
        .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", ""))
        .orElse(System.getProperty("os.name"));
  }

  private static Optional<String> firstLine(Path file, String prefix) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
