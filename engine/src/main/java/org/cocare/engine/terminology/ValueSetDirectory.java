package org.cocare.engine.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cocare.rules.model.Code;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;

/**
 * Value sets from folders of FHIR ValueSet resources (JSON): the expansion's codes, nested contains
 * included; a value set without an expansion contributes its enumerated {@code compose.include}
 * concepts. Read once, when built; files that are not ValueSets are skipped, unreadable ones fail
 * the start with their name.
 */
public final class ValueSetDirectory implements ValueSetSource {
  private final String name;
  private final Map<String, Set<Code>> byUrl;

  private ValueSetDirectory(String name, Map<String, Set<Code>> byUrl) {
    this.name = name;
    this.byUrl = byUrl;
  }

  public static ValueSetDirectory read(FhirContext context, List<Path> directories) {
    Map<String, Set<Code>> byUrl = new HashMap<>();
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "value set folder not found: " + directory.toAbsolutePath());
      }
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          ValueSet valueSet = parse(context, file);
          if (valueSet != null && valueSet.hasUrl()) {
            byUrl.putIfAbsent(valueSet.getUrl(), Set.copyOf(codes(valueSet)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read value set folder " + directory, e);
      }
    }
    return new ValueSetDirectory(directories.toString(), Map.copyOf(byUrl));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Set<Code>> expansion(String valueSetUrl) {
    return Optional.ofNullable(byUrl.get(valueSetUrl));
  }

  /** How many value sets the folders hold. */
  public int size() {
    return byUrl.size();
  }

  private static ValueSet parse(FhirContext context, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read value set file " + file, e);
    }
    if (!text.contains("\"ValueSet\"")) {
      return null;
    }
    try {
      return context.newJsonParser().parseResource(ValueSet.class, text);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(
          "value set file " + file + " is not a readable ValueSet", e);
    }
  }

  static Set<Code> codes(ValueSet valueSet) {
    Set<Code> codes = new HashSet<>();
    if (valueSet.hasExpansion()) {
      collect(valueSet.getExpansion().getContains(), codes);
    } else {
      valueSet
          .getCompose()
          .getInclude()
          .forEach(
              include ->
                  include
                      .getConcept()
                      .forEach(c -> codes.add(new Code(include.getSystem(), c.getCode()))));
    }
    return codes;
  }

  private static void collect(List<ValueSetExpansionContainsComponent> contains, Set<Code> codes) {
    for (ValueSetExpansionContainsComponent item : contains) {
      if (item.hasCode() && !item.getAbstract()) {
        codes.add(new Code(item.getSystem(), item.getCode()));
      }
      collect(item.getContains(), codes);
    }
  }
}
