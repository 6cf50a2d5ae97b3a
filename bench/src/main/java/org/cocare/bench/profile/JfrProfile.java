package org.cocare.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.cocare.bench.Section;

/**
 * Summarises a JFR recording of {@code evaluate}: where the CPU samples went, by pipeline stage
 * (read, parse, group, map, rules, output) and by method, self and inclusive.
 *
 * <p>{@code JfrProfile RECORDING RESULTS_DIR COMMAND}
 */
public final class JfrProfile {
  /** A stage is known by the first of these frames met walking down from the sampled method. */
  private static final Map<String, String> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("org.cocare.rules.ruleset.RuleBase.compile", "start-up: compile the rule set");
    STAGES.put("org.cocare.engine.terminology.ValueSetDirectory.read", "start-up: value sets");
    STAGES.put("org.cocare.engine.terminology.Terminology.build", "start-up: value sets");
    STAGES.put("org.cocare.fhir.intake.FhirReader.<init>", "start-up: FHIR context, validator");
    STAGES.put("org.cocare.rules.ruleset.RuleBase.fire", "rules (Drools)");
    STAGES.put("org.cocare.fhir.facts.FactMapper.facts", "map to facts");
    STAGES.put("org.cocare.fhir.intake.FhirReader.parse", "parse (HAPI)");
    STAGES.put("org.cocare.fhir.facts.MessageContent.changes", "group by patient");
    STAGES.put("org.cocare.routes.evaluate.EvaluationView.of", "output (JSON)");
    STAGES.put("tools.jackson.databind.ObjectMapper.writeValueAsString", "output (JSON)");
    STAGES.put("org.cocare.routes.evaluate.EvaluateCommand.call", "read, other per-patient work");
  }

  private JfrProfile() {}

  public static void main(String[] args) throws IOException {
    Path recording = Path.of(args[0]);
    Map<String, Integer> byStage = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        if (!"jdk.ExecutionSample".equals(event.getEventType().getName())
            || event.getStackTrace() == null) {
          continue;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (frames.isEmpty()) {
          continue;
        }
        samples++;
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new TreeSet<>();
        String stage = null;
        for (RecordedFrame frame : frames) {
          String name = name(frame);
          if (seen.add(name)) {
            inclusive.merge(name, 1, Integer::sum);
          }
          if (stage == null && STAGES.containsKey(name)) {
            stage = STAGES.get(name);
          }
        }
        byStage.merge(stage == null ? "JVM start, JIT, GC, other threads" : stage, 1, Integer::sum);
      }
    }
    Section section = new Section("Profile of `evaluate` (JFR, CPU samples)", args[2]);
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%,d samples.%n%n", samples));
    md.append("| stage | share of samples |\n|---|---|\n");
    table(md, byStage, samples, 10);
    md.append("\n| method (self) | share |\n|---|---|\n");
    table(md, self, samples, 15);
    md.append("\n| Cocare method (inclusive) | share |\n|---|---|\n");
    Map<String, Integer> ours = new HashMap<>();
    inclusive.forEach(
        (method, count) -> {
          if (method.startsWith("org.cocare.") && !method.startsWith("org.cocare.bench.")) {
            ours.put(method, count);
          }
        });
    table(md, ours, samples, 15);
    section.note(md.toString());
    section.write(Path.of(args[1]), "profile");
    System.out.print(section.markdown());
  }

  private static void table(StringBuilder md, Map<String, Integer> counts, int total, int rows) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(rows)
        .forEach(
            e ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| `%s` | %.1f %% |%n",
                        e.getKey(),
                        100.0 * e.getValue() / total)));
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method.getType().getName() + "." + method.getName();
  }
}
