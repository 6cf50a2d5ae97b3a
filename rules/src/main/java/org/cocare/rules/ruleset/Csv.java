package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * The rule set's CSV format (terminology, catalogue): {@code #} comment lines, one header line,
 * cells optionally in double quotes (where commas and doubled quotes are literal). Strict: a row
 * with the wrong number of cells or an unclosed quote fails with its line number rather than being
 * skipped. {@code headerLine} and {@code lines} (one per row) are 1-based line numbers in the text,
 * so a file's own checks can point at the line to fix.
 */
public record Csv(
    List<String> header, List<List<String>> rows, int headerLine, List<Integer> lines) {

  public static Csv parse(String text) {
    List<String> header = null;
    int headerLine = 0;
    List<List<String>> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> cells = cells(line, i + 1);
      if (header == null) {
        header = cells;
        headerLine = i + 1;
      } else if (cells.size() != header.size()) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " has " + cells.size() + " cells, header has " + header.size());
      } else {
        rows.add(cells);
        rowLines.add(i + 1);
      }
    }
    if (header == null) {
      throw new IllegalArgumentException("CSV has no header line");
    }
    return new Csv(List.copyOf(header), List.copyOf(rows), headerLine, List.copyOf(rowLines));
  }

  /** The cell of {@code row} in the column named {@code column}. */
  public String cell(List<String> row, String column) {
    int index = header.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + header);
    }
    return row.get(index);
  }

  private static List<String> cells(String line, int lineNumber) {
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
      } else if (c == '"' && cell.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + lineNumber + " has an unclosed quote");
    }
    cells.add(cell.toString());
    return cells;
  }
}
