package org.cocare.routes.evaluate;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.evaluation.Explanation;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cocare.jar evaluate [--as-of YYYY-MM-DD] PATH...}: one JSON line per patient on stdout,
 * problems on stderr, exit 1 if any input could not be read or a patient's resources were not
 * together (the others are still evaluated). Starts no server and writes no file but, when
 * regrouping, temporary ones that it deletes.
 *
 * <p>Inputs are streamed: each patient is evaluated and printed as soon as the next patient's
 * resources begin, so memory holds one patient (or one Bundle file) at a time, whatever the size of
 * the population; see {@link PatientStream} for what "together" means. A Bulk Data export, whose
 * files are by resource type rather than by patient, is regrouped by patient on disk first (see
 * {@link Regroup}), also holding one patient at a time.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates patients against the default rule set and prints one JSON object per patient per line.",
      "PATH is a Bundle (JSON or XML), an NDJSON file (one resource or Bundle per line) or a directory"
          + " (its files in path order); PATHs are read in the order given, as one stream.",
      "Patients are evaluated one at a time as they stream by, so each patient's resources must come"
          + " together: consecutive lines of an NDJSON file, one Bundle, or consecutive files of a"
          + " directory (a folder of one-resource files is one patient, a folder of bundles many).",
      "A Medication or Device joins the patients of its Bundle; on its own, the patient being read,"
          + " or the next one at the start of a file or folder.",
      "A patient whose resources turn up again after it was evaluated is named on stderr, the later"
          + " resources are not evaluated and the exit code is 1.",
      "A FHIR Bulk Data export (a folder of NDJSON files named for resource types:"
          + " Patient.ndjson, Observation.1.ndjson, ...; or any input with --bulk) is regrouped"
          + " instead: pass 1 sorts every line into temporary files by a hash of its patient, pass"
          + " 2 evaluates each patient once with their whole record, one patient in memory at a"
          + " time. Lines then come out grouped by that hash, not in input order. The temporary"
          + " files (see --temp-dir) hold patient data, are readable by you only and are deleted"
          + " at the end; they need about as much free space as the input. A Medication or"
          + " Device on its own line joins the patients whose orders refer to it; these are kept"
          + " in memory.",
      "Exit code: 0; 1 if an input or a line could not be read (named by file and line number) or a"
          + " patient came back; 2 for a usage or set-up problem (a missing value set folder, a"
          + " temporary folder that cannot be written).",
      "On a terminal (stderr a terminal, stdout not), a progress bar on stderr shows patients done,"
          + " patients/s and the time left (when regrouping, each pass is half the bar)."
    })
public final class EvaluateCommand implements Callable<Integer> {

  /** Which standard streams are terminals: they decide whether a progress bar is drawn. */
  record Terminals(boolean stdout, boolean stderr) {
    static final Terminals NONE = new Terminals(false, false);

    static Terminals ofProcess() {
      return new Terminals(
          Terminal.isTerminal(Terminal.STDOUT), Terminal.isTerminal(Terminal.STDERR));
    }
  }

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Evaluate as of this date (default: today).")
  LocalDate asOf;

  @Option(
      names = "--valuesets",
      paramLabel = "DIR",
      description =
          "A folder of FHIR ValueSet resources with expansions; repeatable. Consulted before the"
              + " starter terminology.")
  List<Path> valueSetDirs = new ArrayList<>();

  @Option(
      names = "--explain",
      description =
          "Add each patient's explanation: populations, exclusions with their evidence, findings,"
              + " closed gaps, each with its rule and source.")
  boolean explain;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "Draw (or, with --no-progress, never draw) the progress bar on stderr. Default: drawn"
              + " when stderr is a terminal and stdout is not.")
  Boolean progress;

  @Option(
      names = "--timing",
      description =
          "At the end, print to stderr the start-up time, patients per second from the first byte"
              + " read to the last line printed, and the same per CPU second of the thread that"
              + " did the work (for benchmarks: other processes do not count).")
  boolean timing;

  @Option(
      names = "--bulk",
      negatable = true,
      description =
          "Regroup the inputs by patient on disk before evaluating (or, with --no-bulk, never):"
              + " each patient's resources may then come in any order and any file. Default: on"
              + " when a PATH is a folder laid out as a FHIR Bulk Data export, its NDJSON files"
              + " all named for a resource type (Patient.ndjson, Observation.2.ndjson,"
              + " 1.Condition.ndjson).")
  Boolean bulk;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description =
          "Where regrouping writes its temporary files (default: java.io.tmpdir): about the size"
              + " of the input, patient data, in a folder only you can read, deleted at the end.")
  Path tempDir;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or directories to evaluate.")
  List<Path> paths;

  private final PrintStream out;
  private final PrintStream err;
  private final Terminals terminals;

  EvaluateCommand(PrintStream out, PrintStream err, Terminals terminals) {
    this.out = out;
    this.err = err;
    this.terminals = terminals;
  }

  /**
   * Runs the command with the process's streams; returns the exit code. Stdout is buffered (and
   * UTF-8) rather than flushed at each line as {@code System.out} is: the lines are for a file or a
   * pipe, and a write per patient costs more than evaluating a small one.
   */
  public static int run(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    try {
      return run(args, out, System.err, Terminals.ofProcess());
    } finally {
      out.flush();
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Terminals.NONE);
  }

  static int run(String[] args, PrintStream out, PrintStream err, Terminals terminals) {
    quietLogging(err);
    CommandLine command = new CommandLine(new EvaluateCommand(out, err, terminals));
    command.registerConverter(LocalDate.class, LocalDate::parse);
    // A set-up problem (a missing value set folder, a value set no source holds) is a message for
    // the person at the terminal, not a stack trace; exit 2 as for a usage error.
    command.setExecutionExceptionHandler(
        (failure, cmd, parsed) -> {
          err.println("cocare evaluate: " + failure.getMessage());
          return 2;
        });
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(err, true));
    return command.execute(args);
  }

  @Override
  public Integer call() {
    FhirContext context = FhirContext.forR4();
    FhirReader reader = new FhirReader(context);
    RuleSet ruleSet = RuleSet.loadDefault();
    List<ValueSetSource> sources =
        valueSetDirs.isEmpty() ? List.of() : List.of(ValueSetDirectory.read(context, valueSetDirs));
    Evaluator evaluator =
        new Evaluator(
            new RuleEngine(ruleSet, rules -> Terminology.forRuleSet(rules, sources)),
            Clock.systemDefaultZone(),
            new SimpleMeterRegistry());
    Run run = new Run(reader, evaluator);
    List<List<Path>> inputs = new ArrayList<>();
    long totalBytes = 0;
    for (Path path : paths) {
      try {
        List<Path> files = files(path);
        for (Path file : files) {
          totalBytes += size(file);
        }
        inputs.add(files);
      } catch (IOException e) {
        run.problem("cannot read " + path + ": " + describe(e));
        inputs.add(List.of());
      }
    }
    boolean showProgress = progress != null ? progress : terminals.stderr() && !terminals.stdout();
    boolean regroup = bulk != null ? bulk : anyBulkExport(inputs, context);
    if (showProgress) {
      // Regrouping reads the input twice: each pass is half of the bar.
      run.bar = new ProgressBar(err, Clock.systemUTC(), regroup ? 2 * totalBytes : totalBytes);
    }
    long startNanos = System.nanoTime();
    long startCpuNanos = cpuNanos();
    long startUpMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    if (regroup) {
      regroup(run, inputs, totalBytes, new MessageContent(context), reader);
    } else {
      stream(run, inputs, new PatientStream(new MessageContent(context), run));
    }
    if (run.bar != null) {
      run.bar.clear();
    }
    out.flush();
    if (timing) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double cpuSeconds = (cpuNanos() - startCpuNanos) / 1e9;
      err.printf(
          Locale.ROOT,
          "cocare evaluate: timing: start-up %.2f s; %d patients in %.2f s (%.0f patients/s);"
              + " %.2f s CPU (%.0f patients/CPU-s)%n",
          startUpMillis / 1e3,
          run.patients,
          seconds,
          run.patients / seconds,
          cpuSeconds,
          run.patients / cpuSeconds);
    }
    return run.failed ? 1 : 0;
  }

  /** Each patient as its resources stream by (see {@link PatientStream}). */
  private static void stream(Run run, List<List<Path>> inputs, PatientStream stream) {
    for (List<Path> files : inputs) {
      Path folder = null;
      for (Path file : files) {
        if (folder == null || !folder.equals(file.getParent()) || isNdjson(file)) {
          stream.boundary();
          folder = file.getParent();
        }
        run.read(file, (piece, line) -> stream.accept(piece));
      }
    }
    stream.finish();
  }

  /**
   * Each patient once, after regrouping all the inputs by patient on disk (see {@link Regroup}).
   */
  private void regroup(
      Run run,
      List<List<Path>> inputs,
      long totalBytes,
      MessageContent content,
      FhirReader reader) {
    Path parent = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    Regroup regroup;
    try {
      regroup = new Regroup(content, reader, parent, Regroup.buckets(totalBytes));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot make a temporary folder in " + parent + ": " + describe(e), e);
    }
    try (regroup) {
      for (List<Path> files : inputs) {
        for (Path file : files) {
          run.read(file, regroup::accept);
        }
      }
      long pieceBytes = Math.max(1, regroup.pieceBytes());
      regroup.evaluate(
          run,
          done -> {
            run.bytesDone = totalBytes + Math.round((double) totalBytes * done / pieceBytes);
            run.progress();
          });
    }
  }

  /** True if a PATH is a folder laid out as a Bulk Data export (see {@link Regroup}). */
  private boolean anyBulkExport(List<List<Path>> inputs, FhirContext context) {
    for (int i = 0; i < inputs.size(); i++) {
      if (Files.isDirectory(paths.get(i)) && Regroup.isBulkExport(inputs.get(i), context)) {
        return true;
      }
    }
    return false;
  }

  private static long cpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  /** One run over the inputs: reads them into the stream, prints each patient it gets back. */
  private final class Run implements PatientStream.Sink {
    private final FhirReader reader;
    private final Evaluator evaluator;
    private final ObjectWriter json = JsonMapper.builder().build().writerFor(EvaluationView.class);
    ProgressBar bar;
    boolean failed;
    long patients;
    long bytesDone;

    Run(FhirReader reader, Evaluator evaluator) {
      this.reader = reader;
      this.evaluator = evaluator;
    }

    /** Pieces of input as they are read: a Bundle or resource, with its NDJSON line if any. */
    interface Pieces {
      void accept(Resource piece, String line);
    }

    void read(Path file, Pieces pieces) {
      try {
        if (isNdjson(file)) {
          readLines(file, pieces);
        } else {
          String contentType =
              file.getFileName().toString().endsWith(".xml")
                  ? "application/fhir+xml"
                  : "application/fhir+json";
          byte[] body = Files.readAllBytes(file);
          bytesDone += body.length;
          pieces.accept(reader.parse(body, contentType), null);
        }
      } catch (IOException | InvalidFhirException e) {
        problem("cannot read " + file + ": " + describe(e));
      }
      progress();
    }

    /**
     * One resource (or Bundle) per line, parsed and handed on as it is read: the file is never held
     * whole. A line that cannot be read is reported with its number; the rest still count.
     */
    private void readLines(Path file, Pieces pieces) throws IOException {
      long before = bytesDone;
      try (CountingInputStream bytes = new CountingInputStream(Files.newInputStream(file));
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16)) {
        long number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          number++;
          if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
          }
          if (line.isBlank()) {
            continue;
          }
          try {
            pieces.accept(reader.parse(line, "application/fhir+json"), line);
          } catch (InvalidFhirException e) {
            problem("cannot read " + file + " line " + number + ": " + describe(e));
          }
          bytesDone = before + bytes.count;
          progress();
        }
      }
    }

    @Override
    public void patient(String patientId, List<Resource> record) {
      Evaluation evaluation = evaluator.evaluate(patientId, record, asOf);
      Explanation explanation = explain ? evaluator.explain(patientId, record, asOf) : null;
      if (bar != null && terminals.stdout()) {
        bar.clear();
      }
      out.println(json.writeValueAsString(EvaluationView.of(evaluation, explanation)));
      patients++;
    }

    /** Whether the first reappearing patient's message already said that --bulk regroups. */
    private boolean hinted;

    @Override
    public void reappeared(String patientId) {
      problem(
          "patient "
              + patientId
              + " has resources after the patient was evaluated; its line above is from the"
              + " resources before, these are not evaluated. Put each patient's resources"
              + " together"
              + (hinted ? "." : ", or give --bulk to regroup the input by patient first."));
      hinted = true;
    }

    void problem(String message) {
      if (bar != null) {
        bar.clear();
      }
      err.println("cocare evaluate: " + message);
      failed = true;
    }

    void progress() {
      if (bar != null) {
        if (terminals.stdout()) {
          out.flush();
        }
        bar.update(patients, bytesDone);
      }
    }
  }

  /** Counts the bytes read through it, for the progress bar's estimate. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  private static boolean isNdjson(Path file) {
    return file.getFileName().toString().endsWith(".ndjson");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static List<Path> files(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(), null, "no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(json|xml|ndjson)$"))
          .sorted()
          .toList();
    }
  }

  private static String describe(Exception e) {
    if (e instanceof InvalidFhirException invalid) {
      return invalid.outcome().getIssueFirstRep().getDiagnostics();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Library logging goes to stderr at WARN, so stdout carries nothing but the JSON lines. */
  private static void quietLogging(PrintStream err) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger{20} - %msg%n");
    encoder.start();
    ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
  }
}
