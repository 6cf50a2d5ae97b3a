package org.cocare.rules.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.cocare.rules.content.Catalogue;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.scenario.Scenario;
import org.cocare.rules.scenario.ScenarioFormatException;
import org.cocare.rules.scenario.Scenarios;

/**
 * A versioned rule set: its files by name, in a stable order. The content hash covers names and
 * contents, so two rule sets with the same text share one compiled rule base.
 *
 * <p>Rules are DRL files ({@code .drl}) and decision tables ({@code .drl.csv}, {@code .drl.xlsx};
 * see {@link DecisionTable}). Every file is held as text, so a rule set stays one map of strings
 * that is stored, hashed, compared and sent as JSON the same way whatever it holds. The one binary
 * kind, a file whose name ends in {@value #XLSX}, is held as its bytes in Base64 (RFC 4648, without
 * line breaks): {@link #fileBytes(String)} decodes it, {@link #fromClasspath(String)} encodes it,
 * and the constructor refuses such a file whose text is not Base64. The content hash covers the
 * Base64 text, which is as exact as the bytes.
 *
 * <p>A rule set carries its own test scenarios ({@code scenarios-<group>.json}, see {@link
 * #scenarios()}): patients' records and what the rules must recommend for each.
 */
public record RuleSet(String name, String version, SortedMap<String, String> files) {

  /** The rule set shipped in this module. */
  public static final String DEFAULT_RESOURCE_DIR = "org/cocare/rules/default";

  public static final String PARAMETERS_FILE = "parameters.properties";
  public static final String TERMINOLOGY_FILE = "terminology.csv";
  public static final String CATALOGUE_FILE = "catalogue.csv";
  public static final String CATALOGUE_TEXTS_FILE = "catalogue-texts.csv";

  /** Each rule's title and owning team (see {@link RuleListing}); optional. */
  public static final String RULES_FILE = "rules.csv";

  /** Files with this suffix are binary, held in Base64. */
  public static final String XLSX = ".xlsx";

  static final String CSV_TABLE = ".drl.csv";
  static final String XLSX_TABLE = ".drl.xlsx";

  public RuleSet {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "rule set name must be lower-case letters, digits and dashes, was: " + name);
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("rule set " + name + " needs a version");
    }
    files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl") || isDecisionTable(f))) {
      throw new IllegalArgumentException(
          "rule set " + name + " has no .drl file and no decision table (.drl.csv, .drl.xlsx)");
    }
    files.forEach(
        (file, content) -> {
          if (file.endsWith(XLSX)) {
            try {
              Base64.getDecoder().decode(content);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  "rule set " + name + ": " + file + " must be held as Base64: " + e.getMessage(),
                  e);
            }
          }
        });
  }

  /**
   * Whether the file is a decision table Cocare compiles: {@code .drl.csv} or {@code .drl.xlsx}.
   */
  public static boolean isDecisionTable(String fileName) {
    return fileName.endsWith(CSV_TABLE) || fileName.endsWith(XLSX_TABLE);
  }

  /** Name and version as recorded on every recommendation, e.g. {@code cocare-default@1}. */
  public String label() {
    return name + "@" + version;
  }

  /** SHA-256 over every file name and content, hex. */
  public String contentHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (file, content) -> {
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
          });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  public SortedMap<String, String> drlFiles() {
    SortedMap<String, String> drl = new TreeMap<>();
    files.forEach(
        (file, content) -> {
          if (file.endsWith(".drl")) {
            drl.put(file, content);
          }
        });
    return drl;
  }

  /** The decision tables ({@code .drl.csv}, {@code .drl.xlsx}) as stored, by name. */
  public SortedMap<String, String> decisionTables() {
    SortedMap<String, String> tables = new TreeMap<>();
    files.forEach(
        (file, content) -> {
          if (isDecisionTable(file)) {
            tables.put(file, content);
          }
        });
    return tables;
  }

  private static final java.util.regex.Pattern VALUE_SET_USE =
      java.util.regex.Pattern.compile("[iI]nValueSet\\(\\s*\"([^\"]+)\"\\s*\\)");

  /**
   * The canonical URLs of every value set the rules ask about with {@code inValueSet("...")}: in
   * the DRL files and in the DRL generated from the decision tables. A table that cannot be read is
   * skipped here; compiling the rule set reports it.
   */
  public java.util.SortedSet<String> valueSetsUsed() {
    java.util.SortedSet<String> urls = new java.util.TreeSet<>();
    List<String> sources = new ArrayList<>(drlFiles().values());
    for (String table : decisionTables().keySet()) {
      try {
        sources.add(DecisionTable.of(this, table).drl());
      } catch (IllegalArgumentException e) {
        // reported by RuleBase.compile, with the table's row and column
      }
    }
    sources.forEach(drl -> VALUE_SET_USE.matcher(drl).results().forEach(m -> urls.add(m.group(1))));
    return urls;
  }

  /**
   * The file's content, or null when the rule set has no such file; a {@value #XLSX} file's is
   * Base64 (see {@link #fileBytes(String)}).
   */
  public String file(String fileName) {
    return files.get(fileName);
  }

  /**
   * The file's bytes: decoded from Base64 for a {@value #XLSX} file, UTF-8 otherwise; null when the
   * rule set has no such file.
   */
  public byte[] fileBytes(String fileName) {
    String content = files.get(fileName);
    if (content == null) {
      return null;
    }
    return fileName.endsWith(XLSX)
        ? Base64.getDecoder().decode(content)
        : content.getBytes(StandardCharsets.UTF_8);
  }

  /** The thresholds in {@value #PARAMETERS_FILE}; empty when the rule set has none. */
  public Parameters parameters() {
    Properties properties = properties(files.getOrDefault(PARAMETERS_FILE, ""));
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
    return new Parameters(values);
  }

  /**
   * The content catalogue: items in {@value #CATALOGUE_FILE}, texts in {@value
   * #CATALOGUE_TEXTS_FILE}; empty when the rule set has neither, an error when it has only one.
   */
  public Catalogue catalogue() {
    String items = files.get(CATALOGUE_FILE);
    String texts = files.get(CATALOGUE_TEXTS_FILE);
    if (items == null && texts == null) {
      return Catalogue.empty();
    }
    if (items == null || texts == null) {
      throw new IllegalArgumentException(
          "rule set "
              + label()
              + " needs both "
              + CATALOGUE_FILE
              + " and "
              + CATALOGUE_TEXTS_FILE
              + ", or neither");
    }
    try {
      return Catalogue.parse(items, texts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule set " + label() + ": " + e.getMessage(), e);
    }
  }

  /** The scenario files ({@code scenarios-<group>.json}, see {@link Scenarios}) by name. */
  public SortedMap<String, String> scenarioFiles() {
    SortedMap<String, String> scenarios = new TreeMap<>();
    files.forEach(
        (file, content) -> {
          if (Scenarios.isScenarioFile(file)) {
            scenarios.put(file, content);
          }
        });
    return scenarios;
  }

  /**
   * Every test scenario the rule set carries, file by file in name order; empty when it has none.
   *
   * @throws ScenarioFormatException naming each scenario file that cannot be read, with line and
   *     column, and each scenario name used twice
   */
  public List<Scenario> scenarios() {
    return Scenarios.parse(scenarioFiles());
  }

  /** The default rule set shipped in this module's resources. */
  public static RuleSet loadDefault() {
    return fromClasspath(DEFAULT_RESOURCE_DIR);
  }

  /**
   * Loads a rule set from a classpath folder holding {@code ruleset.properties} (keys {@code name},
   * {@code version}, {@code files}: a comma-separated list) and the files it lists: text as UTF-8,
   * {@value #XLSX} files as their bytes in Base64.
   */
  public static RuleSet fromClasspath(String resourceDir) {
    Properties manifest =
        properties(
            new String(readResource(resourceDir + "/ruleset.properties"), StandardCharsets.UTF_8));
    SortedMap<String, String> files = new TreeMap<>();
    Arrays.stream(
            Objects.requireNonNull(manifest.getProperty("files"), "ruleset.properties needs files=")
                .split(","))
        .map(String::trim)
        .filter(f -> !f.isEmpty())
        .forEach(
            f -> {
              byte[] bytes = readResource(resourceDir + "/" + f);
              files.put(
                  f,
                  f.endsWith(XLSX)
                      ? Base64.getEncoder().encodeToString(bytes)
                      : new String(bytes, StandardCharsets.UTF_8));
            });
    return new RuleSet(manifest.getProperty("name"), manifest.getProperty("version"), files);
  }

  private static Properties properties(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static byte[] readResource(String path) {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("rule set resource not found on the classpath: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule set resource " + path, e);
    }
  }
}
