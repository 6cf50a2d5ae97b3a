package org.cocare.bench.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;

/**
 * Start-up of the packaged service as a user starts it ({@code java -jar cocare.jar}, no JVM
 * flags), from launching the process to {@code /actuator/health} answering UP, which it does only
 * once the default rule set is compiled and active. The first start is in a fresh working folder
 * (empty database, no rule-base cache: it compiles the rule set); the next ones restart in the same
 * folder and read the compiled rule base from {@code ./data/rule-cache}. Each start gets a free
 * port; the process is stopped once it is UP.
 *
 * <p>{@code StartupRun JAR RESULTS_DIR [CACHED_STARTS]}
 */
public final class StartupRun {
  // Generous: a loaded machine slows a start many times over, and that is a figure, not a failure.
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path jar;
  private final Path work;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One start: seconds from launch to UP, and the CPU seconds the process had used by then. */
  record Start(double seconds, double cpuSeconds) {}

  StartupRun(Path jar, Path work) {
    this.jar = jar;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path results = Path.of(args[1]);
    int cached = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Path work = Files.createTempDirectory("cocare-startup");
    StartupRun run = new StartupRun(jar, work);

    Start first = run.start(0);
    if (!run.cacheEntries().findAny().isPresent()) {
      throw new IllegalStateException("the first start left no compiled rule base in " + work);
    }
    List<Start> restarts = new ArrayList<>();
    for (int i = 1; i <= cached; i++) {
      restarts.add(run.start(i));
    }

    Section section =
        new Section(
            "Start-up",
            "java -jar cocare.jar --server.port=<free port>   # fresh folder, then "
                + cached
                + " restarts in it; seconds from launch to /actuator/health UP");
    section.add(
        Figure.of("start-up, first (compiles the rule set)", "s", List.of(first.seconds())));
    section.add(
        Figure.atMost(
            "start-up, rule base cached", "s", restarts.stream().map(Start::seconds).toList(), 15));
    section.add(Figure.of("CPU used by ready, first start", "s", List.of(first.cpuSeconds())));
    section.add(
        Figure.of(
            "CPU used by ready, rule base cached",
            "s",
            restarts.stream().map(Start::cpuSeconds).toList()));
    section.note(
        String.format(
            Locale.ROOT,
            "%d cores, load average %.1f when the stage began. The CPU figures (all the JVM's"
                + " threads: JIT and GC too) vary less than the seconds on a shared machine. Where"
                + " the time goes: `bench/notes/startup.md`.",
            Runtime.getRuntime().availableProcessors(),
            load));
    section.write(results, "startup");
    System.out.print(section.markdown());
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(f -> f.delete());
    }
  }

  Stream<Path> cacheEntries() throws IOException {
    Path dir = work.resolve("data/rule-cache");
    return Files.isDirectory(dir)
        ? Files.list(dir).filter(p -> p.toString().endsWith(".kbase")).toList().stream()
        : Stream.empty();
  }

  Start start(int n) throws Exception {
    int port = freePort();
    Path log = work.resolve("start-" + n + ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long launched = System.nanoTime();
    Process process =
        new ProcessBuilder(java, "-jar", jar.toString(), "--server.port=" + port)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
              .timeout(Duration.ofSeconds(2))
              .build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "start " + n + " exited with " + process.exitValue() + ", see " + log);
        }
        if (System.nanoTime() - launched > DEADLINE.toNanos()) {
          throw new IllegalStateException("start " + n + " not UP within " + DEADLINE + ": " + log);
        }
        if (isUp(health)) {
          double seconds = (System.nanoTime() - launched) / 1e9;
          double cpu =
              process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
          System.err.printf(
              Locale.ROOT, "startup: start %d UP in %.1f s (%.1f s CPU)%n", n, seconds, cpu);
          return new Start(seconds, cpu);
        }
        Thread.sleep(POLL.toMillis());
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private boolean isUp(HttpRequest health) {
    try {
      HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
