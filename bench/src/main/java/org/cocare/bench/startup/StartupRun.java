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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;

/**
 * Start-up of the packaged service, from launching the process to {@code /actuator/health}
 * answering UP, which it does only once the default rule set is compiled and active, in two forms:
 *
 * <ol>
 *   <li>the production form made by {@code examples/deploy/prepare.sh} (the jar extracted plus a
 *       class data sharing archive from a training run; the making is timed on its own), started as
 *       the README says with {@code -Xshare:on} added, so that an archive the JVM cannot use fails
 *       the stage instead of being measured as if it worked. Its first start is in a fresh working
 *       folder (empty database, no rule-base cache: it compiles the rule set); the restarts in the
 *       same folder read the compiled rule base from {@code ./data/rule-cache}, and they are the
 *       ones compared with the target (under 15 s);
 *   <li>when JAR_STARTS is above 0, {@code java -jar cocare.jar}, no JVM flags, started in that
 *       same folder (so with the rule base cached): reported beside it, not judged.
 * </ol>
 *
 * <p>Each start gets a free port; the process is stopped once it is UP. The production form is left
 * in {@code APP_DIR} (emptied first), where the ingest stage starts the service from.
 *
 * <p>{@code StartupRun JAR PREPARE_SCRIPT RESULTS_DIR APP_DIR [RESTARTS [JAR_STARTS]]}
 */
public final class StartupRun {
  // Generous: a loaded machine slows a start many times over, and that is a figure, not a failure.
  private static final Duration DEADLINE = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Pattern TRAINING =
      Pattern.compile("training run ready in ([0-9.]+) s", Pattern.MULTILINE);
  private static final Pattern DUMP =
      Pattern.compile("archive .*\\.jsa \\(.*\\) in ([0-9.]+) s", Pattern.MULTILINE);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /**
   * One start: seconds from launch to UP, the CPU seconds the process had used by then, and how
   * many cores everything else on the machine kept busy meanwhile (on average; this harness's
   * polling included). The load average is no use for the latter: the starting JVM's own threads
   * raise it by 2 or more on 2 cores.
   */
  record Start(double seconds, double cpuSeconds, double otherCores) {}

  /** One way of starting the service: its command, its working folder, its starts so far. */
  static final class Form {
    private final StartupRun run;
    private final String name;
    private final List<String> command;
    private final Path folder;
    // True when the folder already holds a compiled rule base: every start is a cached one.
    private final boolean cachedOnly;
    private final List<Start> starts = new ArrayList<>();

    Form(StartupRun run, String name, List<String> command, Path folder, boolean cachedOnly) {
      this.run = run;
      this.name = name;
      this.command = command;
      this.folder = folder;
      this.cachedOnly = cachedOnly;
    }

    /** The first start in a fresh folder must leave a compiled rule base behind. */
    void start() throws Exception {
      Files.createDirectories(folder);
      boolean cached = run.cacheEntries(folder).findAny().isPresent();
      if (cachedOnly != cached && starts.isEmpty()) {
        throw new IllegalStateException(
            (cached ? "a rule base is already cached in " : "no rule base is cached in ") + folder);
      }
      Start start = run.start(name + " " + starts.size(), command, folder);
      if (run.cacheEntries(folder).findAny().isEmpty()) {
        throw new IllegalStateException("the start left no compiled rule base in " + folder);
      }
      starts.add(start);
    }

    /** The starts that read the compiled rule base from the cache. */
    private List<Start> cached() {
      return starts.subList(cachedOnly ? 0 : 1, starts.size());
    }

    double maxOtherCores() {
      return starts.stream().mapToDouble(Start::otherCores).max().orElseThrow();
    }

    /**
     * Its figures, named after {@code label}: the cached start (judged by {@code target} unless
     * null) and its CPU, and the first start's two when the form had one.
     */
    List<Figure> figures(String label, Double target) {
      List<Double> seconds = cached().stream().map(Start::seconds).toList();
      List<Figure> figures = new ArrayList<>();
      if (!cachedOnly) {
        figures.add(
            Figure.of(
                label + ": start-up, first (compiles the rule set)",
                "s",
                List.of(starts.get(0).seconds())));
      }
      figures.add(
          target == null
              ? Figure.of(label + ": start-up, rule base cached", "s", seconds)
              : Figure.atMost(label + ": start-up, rule base cached", "s", seconds, target));
      if (!cachedOnly) {
        figures.add(
            Figure.of(
                label + ": CPU used by ready, first start",
                "s",
                List.of(starts.get(0).cpuSeconds())));
      }
      figures.add(
          Figure.of(
              label + ": CPU used by ready, rule base cached",
              "s",
              cached().stream().map(Start::cpuSeconds).toList()));
      return figures;
    }
  }

  /** Making the production form: seconds in all, of which the training run to ready, and dump. */
  record Preparation(double seconds, double trainingSeconds, double dumpSeconds) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path prepare = Path.of(args[1]).toAbsolutePath();
    Path results = Path.of(args[2]);
    Path app = Path.of(args[3]).toAbsolutePath();
    int productionRestarts = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int jarStarts = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    if (productionRestarts < 1) {
      throw new IllegalArgumentException("the production form needs at least one restart");
    }
    if (jarStarts < 0) {
      throw new IllegalArgumentException("java -jar's starts cannot be fewer than none");
    }
    Path work = Files.createTempDirectory("cocare-startup");
    StartupRun run = new StartupRun();
    double load = loadAverage();

    delete(app);
    Preparation preparation = run.prepare(prepare, jar, app, work);
    Path folder = work.resolve("production");
    Form production =
        new Form(
            run,
            "production",
            List.of(
                run.java,
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + app.resolve("cocare.jsa"),
                "-jar",
                app.resolve("cocare.jar").toString()),
            folder,
            false);
    Form plain = new Form(run, "jar", List.of(run.java, "-jar", jar.toString()), folder, true);
    production.start();
    // The cached starts alternate between the forms: a shared host that slows down or speeds up
    // meanwhile (CPU seconds inflate too when its other guests are busy) moves both alike.
    for (int i = 1; i <= Math.max(jarStarts, productionRestarts); i++) {
      if (i <= productionRestarts) {
        production.start();
      }
      if (i <= jarStarts) {
        plain.start();
      }
    }

    Section section =
        new Section(
            "Start-up",
            String.format(
                Locale.ROOT,
                "examples/deploy/prepare.sh cocare.jar DIR                 # once: extract, training"
                    + " run, archive\n"
                    + "java -Xshare:on -XX:SharedArchiveFile=DIR/cocare.jsa -jar DIR/cocare.jar"
                    + " --server.port=<free port>   # fresh folder, then %d restarts in it\n"
                    + (jarStarts == 0
                        ? ""
                        : "java -jar cocare.jar --server.port=<free port>   # "
                            + jarStarts
                            + " starts in that folder\n")
                    + "# seconds from launch to /actuator/health UP",
                productionRestarts));
    section.add(
        Figure.of(
            "production form: making it (extract, training run, archive), once",
            "s",
            List.of(preparation.seconds())));
    section.add(
        Figure.of(
            "production form: of which the training run to ready (no archive yet)",
            "s",
            List.of(preparation.trainingSeconds())));
    production.figures("production form", 15.0).forEach(section::add);
    if (jarStarts > 0) {
      plain.figures("java -jar", null).forEach(section::add);
    }
    section.note(
        String.format(
            Locale.ROOT,
            "%d cores; load average %.1f when the stage began. While the starts ran, other"
                + " processes (and this harness's polling) kept at most %.2f cores busy on average"
                + " during any production-form start%s (the load average is no guide: a starting"
                + " JVM alone raises it by 2 or more). The production form is the jar extracted"
                + " plus a class data sharing archive, made by `examples/deploy/prepare.sh` (README,"
                + " *Running in production*), and the target is judged on it; %s. Making it took"
                + " %.1f s for the training run to ready and %.1f s for"
                + " the dump. The CPU figures (all the JVM's threads: JIT and GC too) vary less"
                + " than the seconds, but on a shared host they too grow when its other guests are"
                + " busy. Where the time goes: `bench/notes/startup.md`.",
            Runtime.getRuntime().availableProcessors(),
            load,
            production.maxOtherCores(),
            jarStarts == 0
                ? ""
                : String.format(
                    Locale.ROOT, " and %.2f during any `java -jar` start", plain.maxOtherCores()),
            jarStarts == 0
                ? "`java -jar` (about twice as long, `bench/notes/startup.md`) is started only"
                    + " with STARTUP_JAR_STARTS=N, to keep `bench/run.sh` within 10 minutes"
                : "`java -jar` is reported beside it, its cached starts alternating with the"
                    + " production form's restarts in the same folder",
            preparation.trainingSeconds(),
            preparation.dumpSeconds()));
    section.write(results, "startup");
    System.out.print(section.markdown());
    delete(work);
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(f -> f.delete());
    }
  }

  /** Runs {@code prepare JAR APP} and reads its own timings from what it prints. */
  Preparation prepare(Path script, Path jar, Path app, Path work) throws Exception {
    Path log = work.resolve("prepare.log");
    long launched = System.nanoTime();
    Process process =
        new ProcessBuilder("bash", script.toString(), jar.toString(), app.toString())
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("prepare did not finish within 30 minutes: " + log);
    }
    double seconds = (System.nanoTime() - launched) / 1e9;
    String output = Files.readString(log);
    System.err.print(output);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("prepare exited with " + process.exitValue() + ": " + log);
    }
    return new Preparation(seconds, number(TRAINING, output), number(DUMP, output));
  }

  private static double number(Pattern pattern, String output) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalStateException("prepare did not print /" + pattern + "/:\n" + output);
    }
    return Double.parseDouble(matcher.group(1));
  }

  Stream<Path> cacheEntries(Path folder) throws IOException {
    Path dir = folder.resolve("data/rule-cache");
    return Files.isDirectory(dir)
        ? Files.list(dir).filter(p -> p.toString().endsWith(".kbase")).toList().stream()
        : Stream.empty();
  }

  Start start(String name, List<String> command, Path folder) throws Exception {
    int port = freePort();
    Path log = folder.resolve("start-" + name.replace(' ', '-') + ".log");
    List<String> line = new ArrayList<>(command);
    line.add("--server.port=" + port);
    long[] before = cpuTicks();
    long launched = System.nanoTime();
    Process process =
        new ProcessBuilder(line)
            .directory(folder.toFile())
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
              "start " + name + " exited with " + process.exitValue() + ", see " + log);
        }
        if (System.nanoTime() - launched > DEADLINE.toNanos()) {
          throw new IllegalStateException(
              "start " + name + " not UP within " + DEADLINE + ": " + log);
        }
        if (isUp(health)) {
          double seconds = (System.nanoTime() - launched) / 1e9;
          double cpu =
              process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
          long[] after = cpuTicks();
          double busyCores =
              (double) (after[0] - before[0])
                  / (after[1] - before[1])
                  * Runtime.getRuntime().availableProcessors();
          double other = Math.max(0, busyCores - cpu / seconds);
          System.err.printf(
              Locale.ROOT,
              "startup: %s UP in %.1f s (%.1f s CPU), load %.1f, other processes %.2f cores%n",
              name,
              seconds,
              cpu,
              loadAverage(),
              other);
          return new Start(seconds, cpu, other);
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

  /** Busy and total CPU time of the whole machine so far, from {@code /proc/stat}, in ticks. */
  private static long[] cpuTicks() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    long total = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      long ticks = Long.parseLong(fields[i]);
      total += ticks;
      if (i != 4 && i != 5) { // idle, iowait
        busy += ticks;
      }
    }
    return new long[] {busy, total};
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
