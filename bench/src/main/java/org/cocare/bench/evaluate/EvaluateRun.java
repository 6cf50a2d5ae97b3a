package org.cocare.bench.evaluate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;

/**
 * {@code cocare.jar evaluate} over a population, as a user runs it: a separate process whose stdout
 * is counted and dropped, whose resident set is read from {@code /proc/PID/status} five times a
 * second, and which reports its own start-up and read-to-print time ({@code --timing}).
 *
 * <p>With {@code -Dcocare.bench.evaluate.jfr=FILE} the first small run is recorded with JFR ({@code
 * settings=profile}, a few per cent of its speed) for the profile stage, instead of that stage
 * running the same population once more.
 *
 * <p>{@code EvaluateRun JAR VALUESETS RESULTS_DIR SMALL.ndjson RUNS LARGE.ndjson [SYNTHEA_DIR]}
 */
public final class EvaluateRun {
  static final long SAMPLE_MILLIS = 200;
  static final String HEAP = "-Xmx512m";
  static final Pattern TIMING =
      Pattern.compile(
          "start-up ([0-9.]+) s; (\\d+) patients in ([0-9.]+) s \\(\\d+ patients/s\\); ([0-9.]+) s"
              + " CPU");

  /** One RSS reading: when (ms since launch), how many lines were out by then, the RSS in kB. */
  record Sample(long millis, long lines, long rssKb) {}

  /** What one process did. */
  record Result(
      int exitCode,
      long lines,
      long reportedPatients,
      double wallSeconds,
      double startUpSeconds,
      double streamSeconds,
      double cpuSeconds,
      List<Sample> samples,
      String stderr) {

    long peakRssKb() {
      return samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
    }

    /** The RSS of the first sample at which {@code fraction} of the lines were out. */
    long rssAt(double fraction) {
      long wanted = (long) Math.ceil(lines * fraction);
      return samples.stream()
          .filter(s -> s.lines() >= wanted)
          .findFirst()
          .orElse(samples.get(samples.size() - 1))
          .rssKb();
    }

    /** The RSS samples taken once {@code fraction} of the lines were out. */
    List<Long> rssAfter(double fraction) {
      long wanted = (long) Math.ceil(lines * fraction);
      return samples.stream().filter(s -> s.lines() >= wanted).map(Sample::rssKb).toList();
    }
  }

  private final Path jar;
  private final Path valueSets;

  EvaluateRun(Path jar, Path valueSets) {
    this.jar = jar;
    this.valueSets = valueSets;
  }

  Result run(Path input) throws IOException, InterruptedException {
    return run(input, null);
  }

  /** One run; with {@code recording} not null, recorded there by JFR. */
  Result run(Path input, Path recording) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    if (recording != null) {
      // JFR announces itself on stdout, where the patients are counted: not here.
      command.add("-Xlog:jfr+startup=off");
      command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
    }
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "evaluate",
            "--as-of",
            "2026-12-31",
            "--valuesets",
            valueSets.toString(),
            "--timing",
            "--no-progress",
            input.toString()));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).start();
    AtomicLong lines = new AtomicLong();
    Thread stdout = drain(process.getInputStream(), lines);
    StringBuilder stderr = new StringBuilder();
    Thread errors =
        start(
            () -> {
              try {
                stderr.append(
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    List<Sample> samples = new ArrayList<>();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    while (process.isAlive()) {
      long rss = rssKb(status);
      if (rss > 0) {
        samples.add(new Sample((System.nanoTime() - start) / 1_000_000, lines.get(), rss));
      }
      process.waitFor(SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    int exit = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    stdout.join();
    errors.join();
    Matcher timing = TIMING.matcher(stderr);
    boolean timed = timing.find();
    if (samples.isEmpty()) {
      samples.add(new Sample(0, 0, 0));
    }
    return new Result(
        exit,
        lines.get(),
        timed ? Long.parseLong(timing.group(2)) : -1,
        wall,
        timed ? Double.parseDouble(timing.group(1)) : Double.NaN,
        timed ? Double.parseDouble(timing.group(3)) : Double.NaN,
        timed ? Double.parseDouble(timing.group(4)) : Double.NaN,
        samples,
        stderr.toString());
  }

  private static Thread drain(InputStream in, AtomicLong lines) {
    return start(
        () -> {
          byte[] buffer = new byte[1 << 16];
          try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              long count = 0;
              for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                  count++;
                }
              }
              lines.addAndGet(count);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Thread start(Runnable task) {
    Thread thread = new Thread(task);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** VmRSS of the process, 0 once it is gone. */
  static long rssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // The process ended between isAlive and the read.
    }
    return 0;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path valueSets = Path.of(args[1]);
    Path results = Path.of(args[2]);
    Path small = Path.of(args[3]);
    int runs = Integer.parseInt(args[4]);
    Path large = Path.of(args[5]);
    Path synthea = args.length > 6 ? Path.of(args[6]) : null;
    EvaluateRun bench = new EvaluateRun(jar, valueSets);
    Section section =
        new Section(
            "evaluate: a population through cocare.jar",
            String.format(
                Locale.ROOT,
                "java %s -jar cocare.jar evaluate --as-of 2026-12-31 --valuesets VALUESETS"
                    + " --timing --no-progress FILE > counted",
                HEAP));

    List<Double> perSecond = new ArrayList<>();
    List<Double> withStartUp = new ArrayList<>();
    List<Double> perCpuSecond = new ArrayList<>();
    List<Double> startUp = new ArrayList<>();
    List<Double> peak = new ArrayList<>();
    long patients = 0;
    String recording = System.getProperty("cocare.bench.evaluate.jfr", "");
    for (int i = 0; i < runs; i++) {
      Result r = bench.run(small, i == 0 && !recording.isEmpty() ? Path.of(recording) : null);
      check(r, small);
      patients = r.lines();
      perSecond.add(r.lines() / r.streamSeconds());
      withStartUp.add(r.lines() / r.wallSeconds());
      perCpuSecond.add(r.lines() / r.cpuSeconds());
      startUp.add(r.startUpSeconds());
      peak.add(r.peakRssKb() / 1024.0);
      System.err.printf(
          Locale.ROOT,
          "bench: evaluate run %d: %d patients, %.1f s wall, start-up %.1f s, %.0f patients/s"
              + " after it, peak RSS %.0f MB%n",
          i + 1,
          r.lines(),
          r.wallSeconds(),
          r.startUpSeconds(),
          r.lines() / r.streamSeconds(),
          r.peakRssKb() / 1024.0);
    }
    String n = String.format(Locale.ROOT, "%,d", patients);
    // JFR's recording costs its run time and memory: figures of a recorded run say so.
    String jfr = recording.isEmpty() ? "" : runs == 1 ? ", JFR on" : ", run 1 with JFR on";
    section
        .add(
            Figure.of(
                "evaluate, eCQM patients (" + n + jfr + "; first byte read to last line printed)",
                "patients/s",
                perSecond))
        .add(
            Figure.of(
                "evaluate, eCQM patients ("
                    + n
                    + jfr
                    + "; per CPU-second of the evaluating thread)",
                "patients/s",
                perCpuSecond))
        .add(
            Figure.of(
                "evaluate, eCQM patients (" + n + jfr + "; whole process, start-up included)",
                "patients/s",
                withStartUp))
        .add(Figure.of("evaluate start-up (JVM, rule set, value sets" + jfr + ")", "s", startUp))
        .add(Figure.of("evaluate peak RSS (" + n + " patients" + jfr + ")", "MB", peak));

    Result big = bench.run(large);
    if (big.exitCode() == 0) {
      checkCounted(big, large);
    }
    List<Long> after = big.rssAfter(0.25);
    List<Long> sorted = after.stream().sorted().toList();
    double median = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    double max = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    String bigN = String.format(Locale.ROOT, "%,d", big.lines());
    System.err.printf(
        Locale.ROOT,
        "bench: evaluate large run: exit %d, %d patients, %.1f s wall, peak RSS %.0f MB%n",
        big.exitCode(),
        big.lines(),
        big.wallSeconds(),
        big.peakRssKb() / 1024.0);
    section
        .add(
            Figure.atMost(
                "evaluate " + bigN + " patients at " + HEAP + ": exit status",
                "",
                List.of((double) big.exitCode()),
                0))
        .add(
            Figure.of(
                "evaluate " + bigN + " patients at " + HEAP + ": peak RSS",
                "MB",
                List.of(big.peakRssKb() / 1024.0)))
        .add(
            Figure.atMost(
                "evaluate " + bigN + " patients: RSS at 100% / RSS at 25% of the patients",
                "×",
                List.of((double) big.rssAt(1.0) / big.rssAt(0.25)),
                1.10))
        .add(
            Figure.atMost(
                "evaluate " + bigN + " patients: max / median RSS after 25% of the patients",
                "×",
                List.of(max / median),
                1.10))
        .add(
            Figure.atLeast(
                "evaluate, eCQM patients ("
                    + bigN
                    + " at "
                    + HEAP
                    + "; first byte read to last line printed)",
                "patients/s",
                List.of(big.lines() / big.streamSeconds()),
                3000));
    if (big.exitCode() != 0) {
      section.note("The large run's stderr: `" + lastLine(big.stderr()) + "`");
    }

    if (synthea != null && Files.isDirectory(synthea)) {
      Result r = bench.run(synthea);
      section
          .add(
              Figure.of(
                  "evaluate, Synthea patients (" + r.lines() + "; first byte to last line)",
                  "patients/s",
                  List.of(r.lines() / r.streamSeconds())))
          .add(
              Figure.of(
                  "evaluate, Synthea patients: peak RSS", "MB", List.of(r.peakRssKb() / 1024.0)));
      if (r.exitCode() != 0) {
        section.note("The Synthea run exited " + r.exitCode() + ": `" + lastLine(r.stderr()) + "`");
      }
    } else {
      section.note("No Synthea population under the cache: its figures are not measured.");
    }

    section.note(
        "Each figure is a separate `java "
            + HEAP
            + " -jar cocare.jar evaluate` process whose stdout (one JSON line per patient) is"
            + " counted and dropped. The target (≥ 3,000 patients/s) is compared with the rate"
            + " from the first byte read to the last line printed, as evaluate's `--timing`"
            + " reports it (reading, parsing, mapping, evaluating and printing; not the start-up"
            + " before the first byte — JVM, rule set, value sets — which is reported on its own),"
            + " over the population-size run of "
            + bigN
            + " patients: the kind of pass a hospital runs nightly. The "
            + n
            + "-patient figures are the same measure over fewer patients; the JIT's warm-up, which"
            + " the large run spreads over many more patients, weighs on them, and they are"
            + " reported beside it. The whole-process rate, start-up included, is"
            + " beside it too. Patients/CPU-s counts only the CPU time of the thread that"
            + " does the work, so it does not move with the load of other processes on the"
            + " machine. RSS is VmRSS from /proc/PID/status, read every "
            + SAMPLE_MILLIS
            + " ms; \"after 25%\" means after a quarter of the patients were printed (the"
            + " warm-up).");
    if (!recording.isEmpty()) {
      section.note(
          "The first "
              + n
              + "-patient run was recorded with JFR (`settings=profile`) for the profile below;"
              + " its figures say \"JFR on\": the recording costs it time (about a tenth of the"
              + " rate here) and memory.");
    }
    section.write(results, "evaluate");
  }

  private static void check(Result r, Path input) {
    if (r.exitCode() != 0 || Double.isNaN(r.streamSeconds())) {
      throw new IllegalStateException(
          "evaluate " + input + " exited " + r.exitCode() + ": " + lastLine(r.stderr()));
    }
    checkCounted(r, input);
  }

  /** Anything else on stdout (a JVM's own message) would be counted as patients. */
  private static void checkCounted(Result r, Path input) {
    if (r.reportedPatients() < 0) {
      throw new IllegalStateException("evaluate " + input + " printed no --timing line");
    }
    if (r.lines() != r.reportedPatients()) {
      throw new IllegalStateException(
          "evaluate "
              + input
              + " printed "
              + r.lines()
              + " lines for "
              + r.reportedPatients()
              + " patients");
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
