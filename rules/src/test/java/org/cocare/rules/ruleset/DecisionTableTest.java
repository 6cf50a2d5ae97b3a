package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.recommendation.Recommendation;
import org.junit.jupiter.api.Test;

class DecisionTableTest {
  private static final RuleSet DEFAULT = RuleSet.loadDefault();
  private static final String AGE_BANDS = "screening-age-bands.drl.csv";
  private static final String CSV = DEFAULT.file(AGE_BANDS);
  private static final DecisionTable TABLE = DecisionTable.parse(AGE_BANDS, CSV);
  private static final int COLORECTAL = 11;
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 15);

  @Test
  void defaultTable_hasOneRowPerScreening_andNamedColumns() {
    assertThat(TABLE.rows()).extracting(DecisionTable.Row::number).containsExactly(COLORECTAL);
    assertThat(TABLE.columns())
        .extracting(DecisionTable.Column::label)
        .containsExactly(
            "Rule", "Source", "Age on", "Deceased", "Minimum age", "Maximum age", "Eligible for");
    assertThat(TABLE.column("Minimum age"))
        .isEqualTo(
            new DecisionTable.Column(
                4, "E", DecisionTable.Kind.CONDITION, "CONDITION", "Minimum age"));
    assertThat(TABLE.column("Rule").kind()).isEqualTo(DecisionTable.Kind.NAME);
    assertThat(TABLE.column("Source").kind()).isEqualTo(DecisionTable.Kind.METADATA);
    assertThat(TABLE.column("Eligible for").kind()).isEqualTo(DecisionTable.Kind.ACTION);
    assertThat(TABLE.cell(COLORECTAL, "Rule")).isEqualTo("classify-colorectal-eligible");
    assertThat(TABLE.cell(COLORECTAL, "minimum age")).isEqualTo("45");
    assertThat(TABLE.cell(COLORECTAL, "F")).isEqualTo("75");
    assertThat(TABLE.cell(COLORECTAL, "Source"))
        .isEqualTo("USPSTF colorectal cancer screening 2021 (A: 50-75, B: 45-49)");
  }

  @Test
  void withCell_changesOnlyThatCell_andRoundTrips() {
    String changed = TABLE.withCell(COLORECTAL, "Minimum age", "40");

    assertThat(diffLines(CSV, changed))
        .containsExactly(
            "classify-colorectal-eligible,\"USPSTF colorectal cancer screening 2021 (A: 50-75, B:"
                + " 45-49)\",as-of date,false,40,75,screening-colorectal");
    DecisionTable reread = DecisionTable.parse(AGE_BANDS, changed);
    assertThat(reread.cell(COLORECTAL, "Minimum age")).isEqualTo("40");
    assertThat(reread.rows().get(0).cells())
        .containsExactly(
            "classify-colorectal-eligible",
            "USPSTF colorectal cancer screening 2021 (A: 50-75, B: 45-49)",
            "as-of date",
            "false",
            "40",
            "75",
            "screening-colorectal");
    assertThat(reread.withCell(COLORECTAL, 4, "45")).isEqualTo(CSV);
  }

  @Test
  void withCell_quotesWhatCsvMustQuote_andKeepsQuotesItFound() {
    String source = "USPSTF 2021, \"B\" grade";
    String changed = TABLE.withCell(COLORECTAL, "Source", source);

    assertThat(DecisionTable.parse(AGE_BANDS, changed).cell(COLORECTAL, "Source"))
        .isEqualTo(source);
    assertThat(changed).contains(",\"USPSTF 2021, \"\"B\"\" grade\",as-of date,");
    assertThat(TABLE.withCell(COLORECTAL, "Source", "USPSTF"))
        .as("the cell was quoted; it stays quoted")
        .contains(",\"USPSTF\",as-of date,");
  }

  @Test
  void withCell_refusesUnknownRowOrColumn_sayingWhatThereIs() {
    assertThatThrownBy(() -> TABLE.withCell(3, "Minimum age", "40"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(AGE_BANDS)
        .hasMessageContaining("no rule in row 3")
        .hasMessageContaining("rows " + COLORECTAL);
    assertThatThrownBy(() -> TABLE.withCell(COLORECTAL, "Start age", "40"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column \"Start age\"")
        .hasMessageContaining("column E (Minimum age)");
    assertThatThrownBy(() -> TABLE.withCell(COLORECTAL, 12, "40"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column M");
    assertThatThrownBy(() -> TABLE.withCell(COLORECTAL, "Minimum age", "40\n41"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one line");
  }

  @Test
  void contentHash_changesWhenACellChanges() {
    RuleSet changed = withTable(DEFAULT, TABLE.withCell(COLORECTAL, "Maximum age", "74"));

    assertThat(changed.contentHash()).isNotEqualTo(DEFAULT.contentHash());
  }

  @Test
  void wordInANumberCell_failsNamingFileRowAndColumn() {
    RuleSet broken = withTable(DEFAULT, TABLE.withCell(COLORECTAL, "Minimum age", "forty"));

    assertThat(compileProblems(broken))
        .containsExactly(
            AGE_BANDS
                + " row 11, column E (Minimum age): \"forty\" is not a number or a"
                + " name the rules know: write numbers in digits, and check the"
                + " spelling of names");
  }

  @Test
  void emptyCellTheActionNeeds_failsNamingIt() {
    RuleSet broken = withTable(DEFAULT, TABLE.withCell(COLORECTAL, "Maximum age", ""));

    assertThat(compileProblems(broken))
        .containsExactly(
            AGE_BANDS
                + " row 11, column F (Maximum age): this cell is empty, but the"
                + " rule's action uses its value: fill it in");
  }

  @Test
  void quotesInAQuotedActionCell_stayText() {
    RuleSet ruleSet =
        withTable(
            DEFAULT,
            TABLE.withCell(
                COLORECTAL, "Eligible for", "screening-colorectal\", \"x\")); System.exit(0); //"));

    List<Recommendation> recommendations =
        RuleBase.compile(ruleSet)
            .fire(
                List.of(new PatientFact("p", AS_OF.minusYears(50), "female", null, false)),
                EvaluationContext.asOf(AS_OF),
                ruleSet.parameters())
            .recommendations();

    assertThat(recommendations).noneMatch(r -> r.code().equals("screening-colorectal"));
  }

  @Test
  void syntaxErrorInACell_failsNamingRowAndColumn_beforeItsEchoes() {
    RuleSet broken = withTable(DEFAULT, TABLE.withCell(COLORECTAL, "Minimum age", "45)"));

    List<String> problems = compileProblems(broken);

    assertThat(problems)
        .first()
        .isEqualTo(
            AGE_BANDS
                + " row 11, column E (Minimum age): \"45)\" does not fit here: check it"
                + " for a typo or stray punctuation");
    assertThat(problems)
        .as("what Drools reports about other files while the table does not parse")
        .hasSizeLessThanOrEqualTo(2)
        .last()
        .asString()
        .containsAnyOf("fix the table first", "45)");
  }

  @Test
  void codeInAConditionCell_isRefusedBySafety() {
    RuleSet unsafe =
        withTable(DEFAULT, TABLE.withCell(COLORECTAL, "Minimum age", "System.exit(0)"));

    assertThat(compileProblems(unsafe))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(AGE_BANDS + " row 11, column E (Minimum age): ")
                    .contains("\"System\" is not allowed"));
  }

  @Test
  void xlsxTable_compilesAndFires_likeTheCsvOne() throws IOException {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.remove(AGE_BANDS);
    files.put(
        "screening-age-bands.drl.xlsx", Base64.getEncoder().encodeToString(workbook(TABLE, 40)));
    RuleSet ruleSet = new RuleSet("xlsx", "1", files);

    RuleBase ruleBase = RuleBase.compile(ruleSet);
    List<Recommendation> recommendations =
        ruleBase
            .fire(
                List.of(new PatientFact("p", AS_OF.minusYears(42), "female", null, false)),
                EvaluationContext.asOf(AS_OF),
                ruleSet.parameters())
            .recommendations();

    assertThat(recommendations)
        .filteredOn(r -> r.code().equals("screening-colorectal"))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("Aged 40 to 75 "));
    DecisionTable xlsx = DecisionTable.of(ruleSet, "screening-age-bands.drl.xlsx");
    assertThat(xlsx.cell(COLORECTAL, "Minimum age")).isEqualTo("40");
    assertThatThrownBy(() -> xlsx.withCell(COLORECTAL, "Minimum age", "45"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("read-only");
  }

  @Test
  void xlsxWordInANumberCell_failsNamingRowAndColumn() throws IOException {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.remove(AGE_BANDS);
    DecisionTable broken =
        DecisionTable.parse(AGE_BANDS, TABLE.withCell(COLORECTAL, "Maximum age", "old"));
    files.put(
        "screening-age-bands.drl.xlsx", Base64.getEncoder().encodeToString(workbook(broken, 45)));

    assertThat(compileProblems(new RuleSet("xlsx", "1", files)))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith(
                        "screening-age-bands.drl.xlsx row 11, column F (Maximum age):"
                            + " \"old\""));
  }

  @Test
  void xlsxFile_isHeldAsBase64_andRefusedWhenItIsNot() {
    TreeMap<String, String> files = new TreeMap<>(DEFAULT.files());
    files.put("t.drl.xlsx", "not base64!");

    assertThatThrownBy(() -> new RuleSet("xlsx", "1", files))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t.drl.xlsx must be held as Base64");
    assertThat(DEFAULT.fileBytes(AGE_BANDS))
        .isEqualTo(CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void valueSetsUsed_seesInValueSetInATableCell() {
    String csv =
        "RuleSet,org.cocare.rules.probe\n"
            + "Import,org.cocare.rules.model.ConditionFact\n"
            + "RuleTable Probe\n"
            + "NAME,METADATA,CONDITION\n"
            + ",,ConditionFact\n"
            + ",\"source(\"\"$param\"\")\",\"inValueSet(\"\"$param\"\")\"\n"
            + "Rule,Source,Value set\n"
            + "probe,local,urn:vs:probe\n";
    RuleSet ruleSet = new RuleSet("probe", "1", new TreeMap<>(java.util.Map.of("p.drl.csv", csv)));

    assertThat(ruleSet.valueSetsUsed()).containsExactly("urn:vs:probe");
    RuleBase.compile(ruleSet);
  }

  private static RuleSet withTable(RuleSet ruleSet, String csv) {
    TreeMap<String, String> files = new TreeMap<>(ruleSet.files());
    files.put(AGE_BANDS, csv);
    return new RuleSet(ruleSet.name(), ruleSet.version(), files);
  }

  private static List<String> diffLines(String before, String after) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    assertThat(b).hasSameSizeAs(a);
    return java.util.stream.IntStream.range(0, a.size())
        .filter(i -> !a.get(i).equals(b.get(i)))
        .mapToObj(b::get)
        .toList();
  }

  /**
   * The CSV table as a one-sheet workbook, the way a spreadsheet would hold it: numbers as numeric
   * cells, the fact type cell merged over the columns it spans instead of CSV's "..." marks.
   */
  private static byte[] workbook(DecisionTable table, int minimumAge) throws IOException {
    String csv = table.withCell(COLORECTAL, "Minimum age", String.valueOf(minimumAge));
    org.drools.decisiontable.parser.csv.CsvLineParser parser =
        new org.drools.decisiontable.parser.csv.CsvLineParser();
    try (Workbook book = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet("Age bands");
      String[] lines = csv.split("\n", -1);
      for (int r = 0; r < lines.length; r++) {
        Row row = sheet.createRow(r);
        List<String> cells = parser.parse(lines[r]);
        int mergeFrom = -1;
        for (int c = 0; c < cells.size(); c++) {
          String value = cells.get(c);
          if (value.endsWith("...")) {
            if (mergeFrom < 0) {
              mergeFrom = c;
              row.createCell(c).setCellValue(value.substring(0, value.length() - 3));
            } else {
              row.createCell(c);
            }
            continue;
          }
          if (mergeFrom >= 0) {
            sheet.addMergedRegion(new CellRangeAddress(r, r, mergeFrom, c - 1));
            mergeFrom = -1;
          }
          if (value.matches("\\d+")) {
            row.createCell(c).setCellValue(Integer.parseInt(value));
          } else if (!value.isEmpty()) {
            row.createCell(c).setCellValue(value);
          }
        }
      }
      book.write(out);
      return out.toByteArray();
    }
  }

  /** Compiling {@code ruleSet} fails; the problems it reports. */
  private static List<String> compileProblems(RuleSet ruleSet) {
    RuleSetCompilationException failure =
        catchThrowableOfType(RuleSetCompilationException.class, () -> RuleBase.compile(ruleSet));
    assertThat(failure).as("compiling %s fails", ruleSet.label()).isNotNull();
    return failure.problems();
  }
}
