package org.cocare.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cocare.bench.Figure;
import org.cocare.bench.Section;

/**
 * Turns JMH's JSON results into the hot-path section: each benchmark's measurement iterations are
 * its runs, and the eCQM rule evaluation is compared with its targets (≤ 0.18 ms a patient, and no
 * more than parsing the same patient).
 *
 * <p>{@code JmhSection JMH_JSON RESULTS_DIR COMMAND}
 */
public final class JmhSection {
  private JmhSection() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Section section = new Section("Hot paths (JMH)", args[2]);
    List<Double> ecqmParse = null;
    List<Double> ecqmEvaluate = null;
    for (JsonNode result : results) {
      String name = result.path("benchmark").asText().replace("org.cocare.bench.jmh.", "");
      JsonNode metric = result.path("primaryMetric");
      String unit = metric.path("scoreUnit").asText().replace("/op", "").replace("us", "µs");
      List<Double> runs = new ArrayList<>();
      metric.path("rawData").forEach(fork -> fork.forEach(value -> runs.add(value.asDouble())));
      String label = label(name);
      switch (name) {
        case "EcqmBenchmark.evaluate" -> {
          ecqmEvaluate = runs;
          section.add(Figure.atMost(label, unit, runs, 180));
        }
        case "EcqmBenchmark.parse" -> {
          ecqmParse = runs;
          section.add(Figure.of(label, unit, runs));
        }
        default -> section.add(Figure.of(label, unit, runs));
      }
    }
    if (ecqmParse != null && ecqmEvaluate != null) {
      double parse = Figure.of("", "", ecqmParse).median();
      List<Double> ratios = ecqmEvaluate.stream().map(e -> e / parse).toList();
      section.add(
          Figure.atMost(
              "eCQM patient: rule evaluation ÷ HAPI parse of the same patient", "", ratios, 1));
    }
    section.note(
        String.format(
            Locale.ROOT,
            "Single thread, warm; each run is one JMH measurement iteration. eCQM figures are per"
                + " patient over all %d steward patients (facts ready for evaluation; parse is"
                + " FhirReader's strict HAPI parse of the patient's resources as JSON). The"
                + " reference CQL engine (cqframework engine-fhir 3.29, as the issue measured it"
                + " on this kind of machine) needs about 1,100 µs for CMS130 alone and about 9,000"
                + " µs for all seven measures; it was not run here.",
            EcqmBenchmark.PATIENTS));
    section.write(Path.of(args[1]), "jmh");
    System.out.print(section.markdown());
  }

  private static String label(String benchmark) {
    return switch (benchmark) {
      case "EcqmBenchmark.parse" -> "eCQM patient: parse (HAPI)";
      case "EcqmBenchmark.map" -> "eCQM patient: map to facts";
      case "EcqmBenchmark.evaluate" ->
          "eCQM patient: rule evaluation, all 7 measures + every rule (facts ready)";
      case "TerminologyBenchmark.membership" -> "value-set membership, one coding";
      case "SyntheaBenchmark.parse" -> "Synthea patient (median size): parse (HAPI)";
      case "SyntheaBenchmark.map" -> "Synthea patient (median size): group + map to facts";
      case "SyntheaBenchmark.evaluate" -> "Synthea patient (median size): rule evaluation";
      default -> benchmark;
    };
  }
}
