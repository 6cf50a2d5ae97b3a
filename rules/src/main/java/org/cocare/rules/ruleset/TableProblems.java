package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the safety check and Drools found in the DRL generated from one decision table, told as the
 * table's row and column ({@code screening-age-bands.drl.csv row 11, column E (Minimum age): ...})
 * rather than as a line of DRL the clinician never wrote.
 *
 * <p>Drools names no cell. The generated DRL marks each rule with its row ({@code // rule values at
 * A11}); the column is the cell of that row whose value the message quotes. One bad cell makes
 * Drools report several errors (the constraint, then each use of what it should have bound), so a
 * row with a problem in a cell reports only its cells, one message each: fixing those shows what is
 * left.
 */
final class TableProblems {
  private static final Pattern DROOLS_POSITION =
      Pattern.compile("\\[ERR \\d+\\]\\s*Line (\\d+):(\\d+)\\s*");
  private static final Pattern IN_RULE =
      Pattern.compile("\\s*in (the )?rule ['\"][^'\"]*['\"]", Pattern.MULTILINE);
  private static final Pattern UNRESOLVED = Pattern.compile("(\\$\\w+) cannot be resolved");
  private static final Pattern SYNTAX =
      Pattern.compile("mismatched input|no viable alternative|extraneous input|missing ");
  private static final Pattern UNKNOWN_NAME =
      Pattern.compile(
          "cannot be resolved|Field Reader does not exist|Unable to Analyse Expression|unable to"
              + " resolve",
          Pattern.CASE_INSENSITIVE);
  private static final String NULL_PACKAGE = "Parser returned a null Package";

  private record Problem(DecisionTable.Place place, String message) {}

  private final DecisionTable table;
  private final String[] generated;
  private final List<Problem> problems = new ArrayList<>();
  private boolean parseErrors;

  TableProblems(DecisionTable table) {
    this.table = table;
    this.generated = table.drl().split("\r?\n", -1);
  }

  /** A refusal of the safety check, placed at the cell holding the refused text. */
  void add(RuleSafety.Violation violation) {
    int row = table.rowOfGeneratedLine(violation.line());
    String token = tokenAt(violation.line(), violation.column());
    DecisionTable.Place place =
        token.isEmpty() ? new DecisionTable.Place(row, null) : table.cellHolding(row, token);
    problems.add(new Problem(place, violation.message()));
  }

  /** A Drools error at {@code line} of the generated DRL (0 when it names none). */
  void add(int line, String droolsText) {
    String text = droolsText == null ? "" : droolsText;
    if (DROOLS_POSITION.matcher(text).find() || text.contains(NULL_PACKAGE)) {
      parseErrors = true;
    }
    String cleaned = cleaned(text);
    int row = line > 0 ? table.rowOfGeneratedLine(line) : 0;
    Matcher unresolved = UNRESOLVED.matcher(text);
    if (row > 0 && unresolved.find()) {
      Optional<DecisionTable.Column> binding = table.columnBinding(unresolved.group(1));
      if (binding.isPresent() && table.value(row, binding.get()).isEmpty()) {
        problems.add(
            new Problem(
                new DecisionTable.Place(row, binding.get()),
                "this cell is empty, but the rule's action uses its value: fill it in"));
        return;
      }
    }
    Optional<DecisionTable.Column> column = Optional.empty();
    Matcher position = DROOLS_POSITION.matcher(text);
    if (row > 0 && SYNTAX.matcher(text).find() && position.find()) {
      column =
          table.columnAt(row, lineText(position.group(1)), Integer.parseInt(position.group(2)));
    }
    if (row > 0 && column.isEmpty()) {
      String quoted = IN_RULE.matcher(DROOLS_POSITION.matcher(text).replaceAll("")).replaceAll("");
      column = table.columnQuotedIn(row, quoted);
    }
    if (column.isEmpty()) {
      problems.add(new Problem(new DecisionTable.Place(row, null), cleaned));
      return;
    }
    String value = table.value(row, column.get());
    String plain;
    if (SYNTAX.matcher(text).find()) {
      plain = "\"" + value + "\" does not fit here: check it for a typo or stray punctuation";
    } else if (UNKNOWN_NAME.matcher(text).find()) {
      plain =
          "\""
              + value
              + "\" is not a number or a name the rules know: write numbers in digits, and check"
              + " the spelling of names";
    } else {
      plain = "\"" + value + "\": " + cleaned;
    }
    problems.add(new Problem(new DecisionTable.Place(row, column.get()), plain));
  }

  /** The problems as messages, one per cell, without the echoes described above. */
  List<String> messages() {
    Set<Integer> rowsWithCells = new LinkedHashSet<>();
    problems.stream()
        .filter(p -> p.place().column() != null)
        .forEach(p -> rowsWithCells.add(p.place().row()));
    boolean others = problems.stream().anyMatch(p -> !p.message().contains(NULL_PACKAGE));
    Set<String> places = new LinkedHashSet<>();
    Set<String> messages = new LinkedHashSet<>();
    for (Problem p : problems) {
      if (others && p.message().contains(NULL_PACKAGE)) {
        continue;
      }
      if (p.place().column() == null && rowsWithCells.contains(p.place().row())) {
        continue;
      }
      String where = table.describe(p.place());
      if (p.place().column() != null && !places.add(where)) {
        continue;
      }
      messages.add(where + ": " + p.message());
    }
    return List.copyOf(messages);
  }

  /** Whether Drools could not parse the table's DRL: every other file's errors may be echoes. */
  boolean unparsed() {
    return parseErrors;
  }

  private String lineText(String line) {
    int n = Integer.parseInt(line);
    return n >= 1 && n <= generated.length ? generated[n - 1] : "";
  }

  private String tokenAt(int line, int column) {
    if (line < 1 || line > generated.length) {
      return "";
    }
    String text = generated[line - 1];
    int from = Math.max(0, column - 1);
    if (from >= text.length()) {
      return "";
    }
    Matcher word = Pattern.compile("[\\w$]+").matcher(text);
    if (word.find(from) && word.start() == from) {
      return word.group();
    }
    return text.substring(from).split("\\s", 2)[0];
  }

  private static String cleaned(String text) {
    String first = DROOLS_POSITION.matcher(text.strip()).replaceAll("").split("\r?\n", 2)[0];
    first = first.replaceFirst("^Rule Compilation error\\s*", "");
    first = IN_RULE.matcher(first).replaceAll("");
    return first.isBlank() ? text.strip() : first.strip();
  }
}
