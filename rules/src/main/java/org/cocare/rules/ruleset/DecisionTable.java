package org.cocare.rules.ruleset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.csv.CsvLineParser;

/**
 * A Drools decision table of a rule set, as a clinician sees it: the data rows under the column
 * names, each with its row number in the file, and the columns with their names as written (e.g.
 * "Minimum age") and their kind (CONDITION, ACTION, NAME, ...).
 *
 * <p>The layout is Drools': optional {@code RuleSet}, {@code Import} (and other) rows above one
 * {@code RuleTable} row; under it a row of column kinds, a row of fact types, a row of code
 * snippets, a row of column names, then one rule per data row. Cocare reads one {@code RuleTable}
 * per file, and only the first sheet of a {@code .drl.xlsx} workbook. Row numbers count every line
 * (CSV) or sheet row (xlsx) from 1, the way a spreadsheet shows them; columns are lettered A, B,
 * ...
 *
 * <p>A {@code .drl.csv} table can be edited one cell at a time ({@link #withCell(int, String,
 * String)}); a {@code .drl.xlsx} table is read-only here: edit the workbook in a spreadsheet and
 * upload it whole.
 */
public final class DecisionTable {

  /** What a column is for, from its keyword in the row under {@code RuleTable}. */
  public enum Kind {
    NAME,
    DESCRIPTION,
    CONDITION,
    ACTION,
    METADATA,
    /** Salience, agenda group and the other rule attributes Drools supports. */
    ATTRIBUTE
  }

  /**
   * One column of the table: {@code index} from 0 for column A, its letter, its kind, its keyword
   * as written and its name (the label row; blank when the table names none).
   */
  public record Column(int index, String letter, Kind kind, String keyword, String label) {
    /** How a message names the column: {@code column E (Minimum age)}. */
    public String describe() {
      return "column " + letter + (label.isBlank() ? "" : " (" + label + ")");
    }
  }

  /** One data row (one rule): its number in the file and its cells, one per {@link #columns()}. */
  public record Row(int number, List<String> cells) {
    public Row {
      cells = List.copyOf(cells);
    }
  }

  private static final Pattern ROW_COMMENT = Pattern.compile("^// rule values at [A-Z]+(\\d+),");

  private final String fileName;
  private final String csv;
  private final byte[] xlsx;
  private final List<List<String>> grid;
  private final int tableRow;
  private final List<Column> columns;
  private final List<Row> rows;
  private String drl;

  private DecisionTable(String fileName, String csv, byte[] xlsx, List<List<String>> grid) {
    this.fileName = fileName;
    this.csv = csv;
    this.xlsx = xlsx;
    this.grid = grid;
    int found = -1;
    int startColumn = -1;
    for (int r = 0; r < grid.size(); r++) {
      for (int c = 0; c < grid.get(r).size(); c++) {
        if (grid.get(r).get(c).trim().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
          if (found >= 0) {
            throw new IllegalArgumentException(
                fileName
                    + " row "
                    + (r + 1)
                    + ": a second RuleTable; Cocare reads one per file, so start another file");
          }
          found = r;
          startColumn = c;
        }
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException(
          fileName
              + " has no RuleTable row: a decision table starts with a cell \"RuleTable name\"");
    }
    this.tableRow = found + 1;
    List<Column> cols = new ArrayList<>();
    List<String> keywords = gridRow(tableRow + 1);
    List<String> labels = gridRow(tableRow + 4);
    for (int c = startColumn; c < keywords.size(); c++) {
      String keyword = keywords.get(c).trim();
      if (!keyword.isEmpty()) {
        cols.add(
            new Column(
                c,
                letter(c),
                kind(keyword),
                keyword,
                c < labels.size() ? labels.get(c).trim() : ""));
      }
    }
    if (cols.isEmpty()) {
      throw new IllegalArgumentException(
          fileName
              + " row "
              + (tableRow + 1)
              + ": the row under RuleTable must name each column's kind (CONDITION, ACTION, ...)");
    }
    this.columns = List.copyOf(cols);
    List<Row> data = new ArrayList<>();
    for (int r = tableRow + 5; r <= grid.size(); r++) {
      List<String> line = gridRow(r);
      List<String> cells =
          columns.stream()
              .map(col -> col.index() < line.size() ? line.get(col.index()) : "")
              .toList();
      if (cells.stream().anyMatch(s -> !s.isBlank())) {
        data.add(new Row(r, cells));
      }
    }
    this.rows = List.copyOf(data);
  }

  /** Reads a {@code .drl.csv} table. */
  public static DecisionTable parse(String fileName, String text) {
    CsvLineParser parser = new CsvLineParser();
    List<List<String>> grid = new ArrayList<>();
    for (String line : text.split("\r\n|\r|\n", -1)) {
      grid.add(List.copyOf(parser.parse(line)));
    }
    return new DecisionTable(fileName, text, null, List.copyOf(grid));
  }

  /** Reads a {@code .drl.xlsx} table (its first sheet), read-only. */
  public static DecisionTable read(String fileName, byte[] workbook) {
    List<List<String>> grid = new ArrayList<>();
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
      Sheet sheet = book.getSheetAt(0);
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      for (int r = 0; r <= sheet.getLastRowNum(); r++) {
        List<String> cells = new ArrayList<>();
        org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
        if (row != null) {
          for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : formatter.formatCellValue(cell));
          }
        }
        grid.add(List.copyOf(cells));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          fileName + " is not a readable .xlsx workbook: " + e.getMessage(), e);
    }
    return new DecisionTable(fileName, null, workbook.clone(), List.copyOf(grid));
  }

  /** The table {@code fileName} of the rule set, CSV or xlsx by its suffix. */
  public static DecisionTable of(RuleSet ruleSet, String fileName) {
    if (ruleSet.file(fileName) == null) {
      throw new IllegalArgumentException("rule set " + ruleSet.label() + " has no " + fileName);
    }
    if (fileName.endsWith(RuleSet.CSV_TABLE)) {
      return parse(fileName, ruleSet.file(fileName));
    }
    if (fileName.endsWith(RuleSet.XLSX_TABLE)) {
      return read(fileName, ruleSet.fileBytes(fileName));
    }
    throw new IllegalArgumentException(
        fileName + " is not a decision table: its name must end in .drl.csv or .drl.xlsx");
  }

  public String fileName() {
    return fileName;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The column named {@code labelOrLetter} (its name as written, any case, or its letter). */
  public Column column(String labelOrLetter) {
    String wanted = labelOrLetter == null ? "" : labelOrLetter.trim();
    return columns.stream()
        .filter(c -> c.label().equals(wanted))
        .findFirst()
        .or(() -> columns.stream().filter(c -> c.label().equalsIgnoreCase(wanted)).findFirst())
        .or(() -> columns.stream().filter(c -> c.letter().equalsIgnoreCase(wanted)).findFirst())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    fileName
                        + " has no column \""
                        + wanted
                        + "\"; its columns are "
                        + columns.stream()
                            .map(Column::describe)
                            .collect(Collectors.joining(", "))));
  }

  /** The data row numbered {@code number} in the file. */
  public Row row(int number) {
    return rows.stream()
        .filter(r -> r.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    fileName
                        + " has no rule in row "
                        + number
                        + "; its rules are in rows "
                        + rows.stream()
                            .map(r -> String.valueOf(r.number()))
                            .collect(Collectors.joining(", "))));
  }

  /** The cell of data row {@code number} in the column named {@code labelOrLetter}. */
  public String cell(int number, String labelOrLetter) {
    return row(number).cells().get(columns.indexOf(column(labelOrLetter)));
  }

  /**
   * The table's CSV text with one cell of a data row changed and every other character as it was.
   * The new value is quoted when it must be (a comma, a double quote, spaces at either end) or when
   * the old one was.
   *
   * @throws IllegalArgumentException for a row that is not a data row, an unknown column or a value
   *     over more than one line
   * @throws UnsupportedOperationException for a {@code .drl.xlsx} table, which is read-only here
   */
  public String withCell(int rowNumber, String columnLabelOrLetter, String value) {
    return withCell(rowNumber, column(columnLabelOrLetter), value);
  }

  /** As {@link #withCell(int, String, String)}, the column by its index from 0 for column A. */
  public String withCell(int rowNumber, int columnIndex, String value) {
    Column column =
        columns.stream()
            .filter(c -> c.index() == columnIndex)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        fileName
                            + " has no column "
                            + (columnIndex < 0 ? String.valueOf(columnIndex) : letter(columnIndex))
                            + " in its table; its columns are "
                            + columns.stream()
                                .map(Column::describe)
                                .collect(Collectors.joining(", "))));
    return withCell(rowNumber, column, value);
  }

  private String withCell(int rowNumber, Column column, String value) {
    if (csv == null) {
      throw new UnsupportedOperationException(
          fileName
              + " is an .xlsx workbook, read-only in Cocare: edit it in a spreadsheet and upload"
              + " it, or keep the table as .drl.csv to edit cells here");
    }
    row(rowNumber);
    if (value == null || value.contains("\n") || value.contains("\r")) {
      throw new IllegalArgumentException(
          fileName + " row " + rowNumber + ": a cell holds one line of text");
    }
    Matcher lines = Pattern.compile("\r\n|\r|\n").matcher(csv);
    int start = 0;
    int number = 1;
    while (number < rowNumber && lines.find()) {
      start = lines.end();
      number++;
    }
    int end = lines.find() ? lines.start() : csv.length();
    String line = csv.substring(start, end);
    List<int[]> spans = spans(line);
    StringBuilder edited = new StringBuilder(line);
    while (spans.size() <= column.index()) {
      edited.append(',');
      spans.add(new int[] {edited.length(), edited.length()});
    }
    int[] span = spans.get(column.index());
    boolean wasQuoted = span[1] > span[0] && edited.charAt(span[0]) == '"';
    edited.replace(span[0], span[1], encode(value, wasQuoted));
    String text = csv.substring(0, start) + edited + csv.substring(end);
    parse(fileName, text);
    return text;
  }

  /** The DRL Drools generates from the table. */
  public String drl() {
    if (drl == null) {
      try {
        SpreadsheetCompiler compiler = new SpreadsheetCompiler();
        drl =
            csv != null
                ? compiler.compile(
                    new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), InputType.CSV)
                : compiler.compile(new ByteArrayInputStream(xlsx), firstSheetName());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            fileName + ": " + plain(String.valueOf(e.getMessage())), e);
      }
    }
    return drl;
  }

  // ---------------------------------------------------------------------------------------------
  // Naming the row and column behind a line of generated DRL

  /** Where a problem is: {@code file row R, column C (label)}, as much of it as is known. */
  record Place(int row, Column column) {}

  /** The data row whose rule holds {@code line} of the generated DRL; 0 before the first rule. */
  int rowOfGeneratedLine(int line) {
    String[] lines = drl().split("\r?\n", -1);
    int row = 0;
    for (int i = 0; i < Math.min(line, lines.length); i++) {
      Matcher m = ROW_COMMENT.matcher(lines[i].trim());
      if (m.find()) {
        row = Integer.parseInt(m.group(1));
      }
    }
    return row;
  }

  /**
   * The cell behind the text {@code token} found in generated DRL: first among the cells of data
   * row {@code row}, then anywhere in the file (a code snippet or an import above the rows).
   */
  Place cellHolding(int row, String token) {
    Pattern word = wholeWord(token);
    if (row > 0) {
      Optional<Row> data = rows.stream().filter(r -> r.number() == row).findFirst();
      if (data.isPresent()) {
        for (int i = 0; i < columns.size(); i++) {
          if (word.matcher(data.get().cells().get(i)).find()) {
            return new Place(row, columns.get(i));
          }
        }
      }
    }
    for (int r = 1; r <= grid.size(); r++) {
      List<String> line = gridRow(r);
      for (int c = 0; c < line.size(); c++) {
        if (word.matcher(line.get(c)).find()) {
          int index = c;
          Column column =
              columns.stream()
                  .filter(col -> col.index() == index)
                  .findFirst()
                  .orElse(new Column(c, letter(c), Kind.ATTRIBUTE, "", ""));
          return new Place(r, column);
        }
      }
    }
    return new Place(row, null);
  }

  /** The cell of data row {@code row} whose value the message quotes first, if any. */
  Optional<Column> columnQuotedIn(int row, String message) {
    Optional<Row> data = rows.stream().filter(r -> r.number() == row).findFirst();
    if (data.isEmpty()) {
      return Optional.empty();
    }
    Map<Column, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String value = data.get().cells().get(i).trim();
      if (!value.isEmpty()) {
        Matcher m = wholeWord(value).matcher(message);
        if (m.find()) {
          at.put(columns.get(i), m.start());
        }
      }
    }
    return at.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  /**
   * The cell of data row {@code row} whose value covers character {@code position} (from 0) of
   * {@code generatedLine}, for a parse error Drools places by line and column.
   */
  Optional<Column> columnAt(int row, String generatedLine, int position) {
    Optional<Row> data = rows.stream().filter(r -> r.number() == row).findFirst();
    if (data.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < columns.size(); i++) {
      String value = data.get().cells().get(i).trim();
      for (int at = value.isEmpty() ? -1 : generatedLine.indexOf(value);
          at >= 0;
          at = generatedLine.indexOf(value, at + 1)) {
        if (position >= at && position <= at + value.length()) {
          return Optional.of(columns.get(i));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The column whose code snippet binds {@code variable} ({@code $minAge : $param}), for a rule
   * whose action uses a binding its row left empty.
   */
  Optional<Column> columnBinding(String variable) {
    List<String> code = gridRow(tableRow + 3);
    Pattern binding = Pattern.compile(Pattern.quote(variable) + "\\s*:");
    return columns.stream()
        .filter(c -> c.index() < code.size() && binding.matcher(code.get(c.index())).find())
        .min(Comparator.comparingInt(Column::index));
  }

  /** The value of data row {@code row} in {@code column}; empty when there is no such row. */
  String value(int row, Column column) {
    int i = columns.indexOf(column);
    return rows.stream()
        .filter(r -> r.number() == row)
        .findFirst()
        .map(r -> i < 0 ? "" : r.cells().get(i).trim())
        .orElse("");
  }

  String describe(Place place) {
    return fileName
        + (place.row() > 0 ? " row " + place.row() : "")
        + (place.column() != null ? ", " + place.column().describe() : "");
  }

  // ---------------------------------------------------------------------------------------------

  private List<String> gridRow(int number) {
    return number >= 1 && number <= grid.size() ? grid.get(number - 1) : List.of();
  }

  private String firstSheetName() {
    try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      return book.getSheetName(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Pattern wholeWord(String text) {
    return Pattern.compile("(?<![\\w$])" + Pattern.quote(text) + "(?![\\w$])");
  }

  /** Drools' parse messages name cells by their spreadsheet reference already; keep line one. */
  private static String plain(String message) {
    String first = message.strip().split("\r?\n", 2)[0];
    return first.isEmpty() ? "the table cannot be read" : first;
  }

  private static Kind kind(String keyword) {
    String k = keyword.trim().toUpperCase(Locale.ROOT);
    if (k.startsWith("CONDITION") || k.equals("C")) {
      return Kind.CONDITION;
    }
    if (k.startsWith("ACTION") || k.equals("A")) {
      return Kind.ACTION;
    }
    if (k.equals("NAME") || k.equals("N")) {
      return Kind.NAME;
    }
    if (k.equals("DESCRIPTION") || k.equals("I")) {
      return Kind.DESCRIPTION;
    }
    if (k.equals("METADATA") || k.equals("@")) {
      return Kind.METADATA;
    }
    return Kind.ATTRIBUTE;
  }

  static String letter(int index) {
    StringBuilder letters = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      letters.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return letters.toString();
  }

  /** Start and end of each cell of a CSV line, quotes included. */
  private static List<int[]> spans(String line) {
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        spans.add(new int[] {start, i});
        start = i + 1;
      }
    }
    spans.add(new int[] {start, line.length()});
    return spans;
  }

  private static String encode(String value, boolean quote) {
    boolean must =
        value.contains(",")
            || value.contains("\"")
            || (!value.isEmpty() && (value.strip().length() != value.length()));
    return must || (quote && !value.isEmpty()) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  @Override
  public String toString() {
    return fileName;
  }
}
