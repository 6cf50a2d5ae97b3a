package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The title and owner of each rule, from the rule set's {@value RuleSet#RULES_FILE} (columns {@code
 * rule}, {@code title}, {@code owner}): the name a clinician knows a rule by and the team that
 * answers for it; and, in the optional column {@code configuration}, the {@link ValueConfiguration}
 * of a rule that recommends (rule sets written before value analysis have no such column). They
 * live beside the rules, not in them, so that renaming a rule's title or handing it to another team
 * is an edit of one row that no DRL compile can break.
 *
 * <p>Reading never fails: a file that cannot be read lists no titles, and {@link
 * #problems(Collection)} says what is wrong with it, line by line, as {@code rules.csv:12 ...}.
 */
final class RuleMetadata {
  static final List<String> COLUMNS = List.of("rule", "title", "owner");

  private static final RuleMetadata NONE = new RuleMetadata(Map.of(), List.of());

  static final String CONFIGURATION = "configuration";

  /**
   * One row of the file; {@code line} is its line number. Blank cells are empty strings; {@code
   * configuration} is null when blank or not one of {@link ValueConfiguration}'s codes.
   */
  record Row(int line, String rule, String title, String owner, ValueConfiguration configuration) {}

  private final Map<String, Row> rows;
  private final List<String> problems;

  private RuleMetadata(Map<String, Row> rows, List<String> problems) {
    this.rows = rows;
    this.problems = problems;
  }

  /** The rule set's {@value RuleSet#RULES_FILE}; no rows when it has none. */
  static RuleMetadata of(RuleSet ruleSet) {
    String text = ruleSet.file(RuleSet.RULES_FILE);
    return text == null ? NONE : parse(text);
  }

  static RuleMetadata parse(String text) {
    Csv csv;
    try {
      csv = Csv.parse(text);
    } catch (IllegalArgumentException e) {
      return new RuleMetadata(Map.of(), List.of(RuleSet.RULES_FILE + ": " + e.getMessage()));
    }
    List<String> missing = COLUMNS.stream().filter(c -> !csv.header().contains(c)).toList();
    if (!missing.isEmpty()) {
      return new RuleMetadata(
          Map.of(),
          List.of(
              at(
                  csv.headerLine(),
                  "has no column "
                      + String.join(", ", missing)
                      + ": the first line must name the columns "
                      + String.join(",", COLUMNS))));
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    boolean configured = csv.header().contains(CONFIGURATION);
    for (int i = 0; i < csv.rows().size(); i++) {
      List<String> cells = csv.rows().get(i);
      String configuration = configured ? csv.cell(cells, CONFIGURATION).strip() : "";
      ValueConfiguration known = configuration(configuration);
      Row row =
          new Row(
              csv.lines().get(i),
              csv.cell(cells, "rule").strip(),
              csv.cell(cells, "title").strip(),
              csv.cell(cells, "owner").strip(),
              known);
      if (!configuration.isEmpty() && known == null) {
        problems.add(
            at(
                row.line(),
                "gives rule "
                    + row.rule()
                    + " the configuration "
                    + configuration
                    + ": use chain, shop or network, or leave it blank"));
      }
      Row earlier = rows.get(row.rule());
      if (row.rule().isEmpty()) {
        problems.add(at(row.line(), "names no rule: fill in the rule's name"));
      } else if (earlier != null) {
        problems.add(
            at(
                row.line(),
                "lists rule "
                    + row.rule()
                    + " again (first at line "
                    + earlier.line()
                    + "): keep one row"));
      } else {
        rows.put(row.rule(), row);
        if (row.title().isEmpty()) {
          problems.add(at(row.line(), "gives rule " + row.rule() + " no title: fill one in"));
        }
      }
    }
    return new RuleMetadata(rows, List.copyOf(problems));
  }

  private static ValueConfiguration configuration(String code) {
    return Arrays.stream(ValueConfiguration.values())
        .filter(c -> c.code().equals(code))
        .findFirst()
        .orElse(null);
  }

  /** The rule's row, or null when the file has none for it. */
  Row row(String rule) {
    return rows.get(rule);
  }

  /**
   * What is wrong with the file: each problem found reading it, and each row naming a rule that is
   * not one of {@code rules} (the names of the rule set's rules).
   */
  List<String> problems(Collection<String> rules) {
    List<String> all = new ArrayList<>(problems);
    rows.values().stream()
        .filter(row -> !rules.contains(row.rule()))
        .forEach(
            row ->
                all.add(
                    at(
                        row.line(),
                        "names rule "
                            + row.rule()
                            + ", which no .drl file or decision table of this rule set has:"
                            + " check the spelling, or remove the row")));
    return all;
  }

  private static String at(int line, String message) {
    return RuleSet.RULES_FILE + ":" + line + " " + message;
  }
}
