package org.cocare.routes.evaluate;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cocare.engine.evaluation.DryRun;
import org.cocare.engine.evaluation.Evaluation;
import org.cocare.engine.evaluation.Evaluator;
import org.cocare.engine.evaluation.Explanation;
import org.cocare.engine.rules.RuleEngine;
import org.cocare.engine.terminology.Terminology;
import org.cocare.engine.terminology.ValueSetDirectory;
import org.cocare.engine.terminology.ValueSetSource;
import org.cocare.fhir.intake.FhirReader;
import org.cocare.fhir.intake.InvalidFhirException;
import org.cocare.rules.ruleset.RuleSet;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code cocare.jar evaluate [--as-of YYYY-MM-DD] PATH...}: one JSON line per patient on stdout,
 * problems on stderr, exit 1 if any input could not be read (the others are still evaluated).
 * Starts no server and writes no file.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates patients against the default rule set and prints one JSON object per patient per line.",
      "PATH is a Bundle (JSON or XML), an NDJSON file (one resource per line) or a directory: resources",
      "are grouped by patient, so a folder of one-resource files is one patient, a folder of bundles many."
    })
public final class EvaluateCommand implements Callable<Integer> {

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

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "Files or directories to evaluate.")
  List<Path> paths;

  private final PrintStream out;
  private final PrintStream err;

  EvaluateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command with the process's streams; returns the exit code. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    quietLogging(err);
    CommandLine command = new CommandLine(new EvaluateCommand(out, err));
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
    DryRun dryRun = new DryRun(reader, evaluator);
    JsonMapper json = JsonMapper.builder().build();
    int unreadable = 0;
    for (Path path : paths) {
      List<Resource> resources = new ArrayList<>();
      List<Path> files;
      try {
        files = files(path);
      } catch (IOException e) {
        err.println("cocare evaluate: cannot read " + path + ": " + describe(e));
        unreadable++;
        continue;
      }
      for (Path file : files) {
        try {
          resources.addAll(read(reader, file));
        } catch (IOException | InvalidFhirException e) {
          err.println("cocare evaluate: cannot read " + file + ": " + describe(e));
          unreadable++;
        }
      }
      List<Evaluation> evaluations = dryRun.evaluate(resources, asOf);
      List<Explanation> explanations = explain ? dryRun.explain(resources, asOf) : List.of();
      for (int i = 0; i < evaluations.size(); i++) {
        Explanation explanation = explain ? explanations.get(i) : null;
        out.println(json.writeValueAsString(EvaluationView.of(evaluations.get(i), explanation)));
      }
    }
    out.flush();
    return unreadable == 0 ? 0 : 1;
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

  private static List<Resource> read(FhirReader reader, Path file) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(".ndjson")) {
      List<Resource> resources = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          resources.add(
              reader.parse(line.getBytes(StandardCharsets.UTF_8), "application/fhir+json"));
        }
      }
      return resources;
    }
    String contentType = name.endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
    return List.of(reader.parse(Files.readAllBytes(file), contentType));
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
