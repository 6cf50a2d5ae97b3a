package org.cocare.rules.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads scenario files: {@code scenarios-<group>.json}, each {@code {"scenarios": [{"name": …,
 * "input": {…}, "expected": {…}}]}} (see {@link Scenario} for the fields). A file that cannot be
 * read is refused with its name, line and column and the field where reading stopped, the way a DRL
 * error is, because it is refused at the same place: compiling the rule set.
 */
public final class Scenarios {
  private static final Pattern FILE_NAME = Pattern.compile("scenarios-[a-z0-9][a-z0-9_-]*\\.json");
  private static final Pattern OUR_TYPE =
      Pattern.compile("org\\.cocare\\.rules\\.scenario\\.(Scenario\\$)?");

  // Unknown fields are refused explicitly, not by Jackson's default, because strictness is the
  // point: a misspelt field would otherwise drop a fact and the scenario would test something else.
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Scenarios() {}

  /** The top level of a scenario file. */
  record Document(List<Scenario> scenarios) {
    Document {
      if (scenarios == null) {
        throw new IllegalArgumentException("a scenario file holds {\"scenarios\": [ … ]}");
      }
    }
  }

  /** Whether the rule set's file holds scenarios: {@code scenarios-<group>.json}. */
  public static boolean isScenarioFile(String fileName) {
    return FILE_NAME.matcher(fileName).matches();
  }

  /**
   * The scenarios of one file, in the file's order.
   *
   * @throws ScenarioFormatException naming the file, line, column and field where reading stopped
   */
  public static List<Scenario> parse(String fileName, String json) {
    List<Scenario> scenarios = read(fileName, json);
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    checkNames(fileName, scenarios, seen, problems);
    if (!problems.isEmpty()) {
      throw new ScenarioFormatException(problems);
    }
    return scenarios;
  }

  /**
   * The scenarios of several files (name to content), file by file in name order. Names are unique
   * across all of them, since a result is reported by its scenario's name.
   *
   * @throws ScenarioFormatException listing every file that cannot be read and every name used
   *     twice
   */
  public static List<Scenario> parse(SortedMap<String, String> files) {
    List<Scenario> all = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    files.forEach(
        (fileName, json) -> {
          try {
            List<Scenario> scenarios = read(fileName, json);
            checkNames(fileName, scenarios, seen, problems);
            all.addAll(scenarios);
          } catch (ScenarioFormatException e) {
            problems.addAll(e.problems());
          }
        });
    if (!problems.isEmpty()) {
      throw new ScenarioFormatException(problems);
    }
    return List.copyOf(all);
  }

  private static List<Scenario> read(String fileName, String json) {
    try {
      return List.copyOf(JSON.readValue(json, Document.class).scenarios());
    } catch (JsonProcessingException e) {
      throw new ScenarioFormatException(List.of(problem(fileName, e)));
    }
  }

  private static void checkNames(
      String fileName, List<Scenario> scenarios, Map<String, String> seen, List<String> problems) {
    for (Scenario scenario : scenarios) {
      String first = seen.putIfAbsent(scenario.name(), fileName);
      if (first != null) {
        problems.add(
            fileName
                + " scenario \""
                + scenario.name()
                + "\" is named twice"
                + (first.equals(fileName) ? "" : " (also in " + first + ")")
                + ": each scenario needs its own name");
      }
    }
  }

  /** {@code file:line:column path: what}, in words rather than Jackson's class names. */
  private static String problem(String fileName, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    StringBuilder out = new StringBuilder(fileName);
    if (at != null && at.getLineNr() > 0) {
      out.append(':').append(at.getLineNr()).append(':').append(at.getColumnNr());
    }
    out.append(' ');
    if (e instanceof JsonMappingException mapping) {
      List<JsonMappingException.Reference> references = mapping.getPath();
      // An unknown field's path ends with the field itself, which the message names anyway.
      if (e instanceof UnrecognizedPropertyException && !references.isEmpty()) {
        references = references.subList(0, references.size() - 1);
      }
      if (!references.isEmpty()) {
        out.append(path(references)).append(": ");
      }
    }
    return out.append(what(e)).toString();
  }

  private static String what(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      TreeSet<String> known = new TreeSet<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      return "unknown field \""
          + unknown.getPropertyName()
          + "\" (known here: "
          + String.join(", ", known)
          + ")";
    }
    // Jackson builds a record before it reports the unknown fields beside it, so a misspelt
    // required field reads as the missing one ("id is required"), at the same line.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException refused) {
        return refused.getMessage();
      }
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = expected(mismatch.getTargetType());
      if (expected != null) {
        return expected;
      }
    }
    return OUR_TYPE.matcher(e.getOriginalMessage()).replaceAll("");
  }

  /** What a value of the wrong JSON kind should have been, or null when Jackson says it better. */
  private static String expected(Class<?> type) {
    if (type == Document.class) {
      return "a scenario file holds {\"scenarios\": [ … ]}";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a list [ … ]";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "must be a number";
    }
    if (type == String.class) {
      return "must be text in quotes";
    }
    if (type == Boolean.class) {
      return "must be true or false";
    }
    return type.isRecord() ? "must be an object { … }" : null;
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
