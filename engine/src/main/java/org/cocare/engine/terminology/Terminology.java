package org.cocare.engine.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cocare.rules.model.ValueSetIndex;
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
    Terminology terminology = fromCsv(csv == null ? "" : csv);
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

  /** Parses the starter CSV; a malformed line fails with its line number. */
  public static Terminology fromCsv(String csv) {
    Map<String, Set<String>> index = new HashMap<>();
    Set<String> valueSets = new HashSet<>();
    String[] lines = csv.split("\\R");
    boolean header = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      List<String> cells = cells(line);
      if (cells.size() < 3 || cells.get(0).isBlank() || cells.get(2).isBlank()) {
        throw new IllegalArgumentException(
            "terminology line " + (i + 1) + ": expected value set URL, system, code[, display]");
      }
      valueSets.add(cells.get(0));
      index
          .computeIfAbsent(key(cells.get(1), cells.get(2)), k -> new HashSet<>())
          .add(cells.get(0));
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    index.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return new Terminology(Map.copyOf(frozen), Set.copyOf(valueSets));
  }

  private static String key(String system, String code) {
    return (system == null ? "" : system) + "|" + code;
  }

  /** CSV cells with double-quoted fields (quotes doubled inside). */
  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }
}
