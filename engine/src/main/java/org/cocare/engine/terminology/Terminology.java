package org.cocare.engine.terminology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cocare.rules.model.Code;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.ruleset.RuleSet;

/**
 * An immutable membership index over the value sets a rule set uses: {@code system|code} (system
 * canonicalised, see {@link CodeSystems}) to the value sets containing it, answered in constant
 * time. Each value set comes from the first source that holds it, in the order given; one that no
 * source holds fails the build, by name — a rule asking about it would otherwise silently never
 * fire.
 */
public final class Terminology implements ValueSetIndex {
  private final Map<String, Set<String>> index;
  private final Map<String, String> sourceOf;

  private Terminology(Map<String, Set<String>> index, Map<String, String> sourceOf) {
    this.index = index;
    this.sourceOf = sourceOf;
  }

  @Override
  public Set<String> valueSetsContaining(String system, String code) {
    return index.getOrDefault(key(system, code), Set.of());
  }

  /** The canonical URLs of every value set this terminology holds. */
  public Set<String> valueSets() {
    return sourceOf.keySet();
  }

  /** Which source served each value set, for start-up logs and explanations. */
  public Map<String, String> sources() {
    return sourceOf;
  }

  /** The rule set's value sets from the starter terminology alone. */
  public static Terminology fromRuleSet(RuleSet ruleSet) {
    return forRuleSet(ruleSet, List.of());
  }

  /** The rule set's value sets from {@code sources} in order, then the starter terminology. */
  public static Terminology forRuleSet(RuleSet ruleSet, List<ValueSetSource> sources) {
    List<ValueSetSource> all = new ArrayList<>(sources);
    all.add(StarterValueSets.of(ruleSet));
    return build(ruleSet.valueSetsUsed(), all, ruleSet.label());
  }

  /** An index of exactly {@code valueSets}, each from the first source holding it. */
  public static Terminology build(
      Set<String> valueSets, List<ValueSetSource> sources, String forWhom) {
    Map<String, Set<String>> index = new HashMap<>();
    Map<String, String> sourceOf = new LinkedHashMap<>();
    Set<String> missing = new TreeSet<>();
    for (String url : new TreeSet<>(valueSets)) {
      Optional<Set<Code>> codes = Optional.empty();
      ValueSetSource from = null;
      for (ValueSetSource source : sources) {
        codes = source.expansion(url);
        if (codes.isPresent()) {
          from = source;
          break;
        }
      }
      if (codes.isEmpty()) {
        missing.add(url);
        continue;
      }
      sourceOf.put(url, from.name());
      for (Code code : codes.get()) {
        index.computeIfAbsent(key(code.system(), code.code()), k -> new HashSet<>()).add(url);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          forWhom
              + " uses value sets no terminology source holds: "
              + missing
              + " (sources: "
              + sources.stream().map(ValueSetSource::name).toList()
              + ")");
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    index.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    return new Terminology(Map.copyOf(frozen), java.util.Collections.unmodifiableMap(sourceOf));
  }

  private static String key(String system, String code) {
    return CodeSystems.canonical(system) + "|" + code;
  }
}
