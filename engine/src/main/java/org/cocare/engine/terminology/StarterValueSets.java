package org.cocare.engine.terminology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cocare.rules.model.Code;
import org.cocare.rules.ruleset.Csv;
import org.cocare.rules.ruleset.RuleSet;

/**
 * The rule set's starter terminology ({@code terminology.csv}): a few codes per value set written
 * by this project, so the service and the examples run with no external content. Consulted last.
 */
public final class StarterValueSets implements ValueSetSource {
  private final Map<String, Set<Code>> byUrl;

  private StarterValueSets(Map<String, Set<Code>> byUrl) {
    this.byUrl = byUrl;
  }

  public static StarterValueSets of(RuleSet ruleSet) {
    String csv = ruleSet.file(RuleSet.TERMINOLOGY_FILE);
    return csv == null ? new StarterValueSets(Map.of()) : fromCsv(csv);
  }

  /**
   * Parses the starter CSV (columns valueset, system, code, display); a bad row fails by number.
   */
  public static StarterValueSets fromCsv(String csv) {
    Csv table = Csv.parse(csv);
    Map<String, Set<Code>> byUrl = new HashMap<>();
    int number = 0;
    for (List<String> row : table.rows()) {
      number++;
      String valueSet = table.cell(row, "valueset");
      String code = table.cell(row, "code");
      if (valueSet.isBlank() || code.isBlank()) {
        throw new IllegalArgumentException(
            "terminology row " + number + ": needs a value set URL and a code");
      }
      byUrl
          .computeIfAbsent(valueSet, k -> new HashSet<>())
          .add(new Code(table.cell(row, "system"), code));
    }
    Map<String, Set<Code>> frozen = new HashMap<>();
    byUrl.forEach((url, codes) -> frozen.put(url, Set.copyOf(codes)));
    return new StarterValueSets(Map.copyOf(frozen));
  }

  @Override
  public String name() {
    return "starter terminology";
  }

  @Override
  public Optional<Set<Code>> expansion(String valueSetUrl) {
    return Optional.ofNullable(byUrl.get(valueSetUrl));
  }

  public Set<String> valueSets() {
    return byUrl.keySet();
  }
}
