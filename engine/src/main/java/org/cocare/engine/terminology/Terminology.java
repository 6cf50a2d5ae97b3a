package org.cocare.engine.terminology;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.ruleset.Csv;
import org.cocare.rules.ruleset.RuleSet;

/**
 * An immutable membership index: {@code system|code} to the value sets containing it. Built from
 * the starter terminology's CSV (columns value set URL, system, code, display; {@code #} comments).
 */
public final class Terminology implements ValueSetIndex {
  private final Map<String, Set<String>> index;
  private final Set<String> valueSets;

  private Terminology(Map<String, Set<String>> index, Set<String> valueSets) {
    this.index = index;
    this.valueSets = valueSets;
  }

  @Override
  public Set<String> valueSetsContaining(String system, String code) {
    return index.getOrDefault(key(system, code), Set.of());
  }

  /** The canonical URLs of every value set this terminology holds. */
  public Set<String> valueSets() {
    return valueSets;
  }

  /**
   * The rule set's starter terminology, checked to hold every value set the rules use: a rule
   * asking about a value set nobody can answer for would silently never fire, so that fails here,
   * by name.
   */
  public static Terminology fromRuleSet(RuleSet ruleSet) {
    String csv = ruleSet.file(RuleSet.TERMINOLOGY_FILE);
    Terminology terminology = csv == null ? new Terminology(Map.of(), Set.of()) : fromCsv(csv);
    Set<String> missing = new java.util.TreeSet<>(ruleSet.valueSetsUsed());
    missing.removeAll(terminology.valueSets());
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "rule set "
              + ruleSet.label()
              + " uses value sets no terminology source holds: "
              + missing);
    }
    return terminology;
  }

  /**
   * Parses the starter CSV (columns valueset, system, code, display); a bad row fails by number.
   */
  public static Terminology fromCsv(String csv) {
    Csv table = Csv.parse(csv);
    Map<String, Set<String>> index = new HashMap<>();
    Set<String> valueSets = new HashSet<>();
    int number = 0;
    for (List<String> row : table.rows()) {
      number++;
      String valueSet = table.cell(row, "valueset");
      String code = table.cell(row, "code");
      if (valueSet.isBlank() || code.isBlank()) {
        throw new IllegalArgumentException(
            "terminology row " + number + ": needs a value set URL and a code");
      }
      valueSets.add(valueSet);
      index
          .computeIfAbsent(key(table.cell(row, "system"), code), k -> new HashSet<>())
          .add(valueSet);
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    index.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return new Terminology(Map.copyOf(frozen), Set.copyOf(valueSets));
  }

  private static String key(String system, String code) {
    return (system == null ? "" : system) + "|" + code;
  }
}
