package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a rule set as a clinician browses them: where each is written (file and line, or
 * table row), its name, the guideline it names in {@code @source}, and its title and owner from
 * {@value RuleSet#RULES_FILE}. Read from the text, not from a compiled rule base, so a draft that
 * does not compile yet can still be browsed.
 */
public final class RuleListing {
  /**
   * One rule; {@code line} is the line of a DRL file or the row of a decision table. {@code
   * source}, {@code title}, {@code owner} and {@code configuration} are null where the rule set
   * gives none.
   */
  public record Entry(
      String file,
      int line,
      String name,
      String source,
      String title,
      String owner,
      ValueConfiguration configuration) {}

  private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
  private static final Pattern SOURCE = Pattern.compile("@source\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");

  private RuleListing() {}

  /**
   * Every rule of every DRL file and decision table, in file order, with its title and owner when
   * {@value RuleSet#RULES_FILE} has a row for it.
   */
  public static List<Entry> of(RuleSet ruleSet) {
    List<Entry> entries = new ArrayList<>();
    ruleSet.drlFiles().forEach((file, text) -> entries.addAll(drl(file, text)));
    for (String file : ruleSet.decisionTables().keySet()) {
      try {
        entries.addAll(table(DecisionTable.of(ruleSet, file)));
      } catch (IllegalArgumentException e) {
        // An unreadable table lists no rules; validation says what is wrong with it.
      }
    }
    RuleMetadata metadata = RuleMetadata.of(ruleSet);
    return entries.stream()
        .map(
            e -> {
              RuleMetadata.Row row = metadata.row(e.name());
              return row == null
                  ? e
                  : new Entry(
                      e.file(),
                      e.line(),
                      e.name(),
                      e.source(),
                      blankToNull(row.title()),
                      blankToNull(row.owner()),
                      row.configuration());
            })
        .toList();
  }

  private static String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  static List<Entry> drl(String file, String text) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher rule = RULE.matcher(lines[i]);
      if (!rule.find()) {
        continue;
      }
      String source = null;
      for (int j = i; j < lines.length && source == null; j++) {
        Matcher found = SOURCE.matcher(lines[j]);
        if (found.find()) {
          source = found.group(1).replace("\\\"", "\"");
        } else if (WHEN.matcher(lines[j]).find()) {
          break;
        }
      }
      entries.add(new Entry(file, i + 1, rule.group(1), source, null, null, null));
    }
    return entries;
  }

  static List<Entry> table(DecisionTable table) {
    List<DecisionTable.Column> columns = table.columns();
    int name = -1;
    int source = -1;
    for (int i = 0; i < columns.size(); i++) {
      DecisionTable.Column column = columns.get(i);
      if (column.kind() == DecisionTable.Kind.NAME) {
        name = i;
      } else if (column.kind() == DecisionTable.Kind.METADATA && source < 0) {
        source = i;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (DecisionTable.Row row : table.rows()) {
      entries.add(
          new Entry(
              table.fileName(),
              row.number(),
              name < 0 ? "row " + row.number() : row.cells().get(name),
              source < 0 ? null : row.cells().get(source),
              null,
              null,
              null));
    }
    return entries;
  }
}
