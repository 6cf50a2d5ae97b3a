package org.cocare.engine.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cocare.rules.ruleset.DecisionTable;
import org.cocare.rules.ruleset.RuleSet;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * The consequences of a rule set's rules that make a {@code Recommendation}, read from its text:
 * the DRL files and the DRL its decision tables generate. A measure is named by the rule set when
 * one of them holds the measure id as a quoted text ({@code "CMS130"}), as the measure argument of
 * {@code Recommendation.careGap} does.
 *
 * <p>Only consequences count, not conditions: the default USPSTF colorectal reminder waits for
 * {@code not Eligible( code == "CMS130" )} and would otherwise claim CMS130 for a rule set whose
 * CMS130 rules were removed. Drools' own parser finds where each consequence is, so a quoted {@code
 * end} or a comment cannot cut a rule short.
 */
final class RecommendingRules {
  private static final Pattern RECOMMENDATION = Pattern.compile("\\bRecommendation\\b");

  private final List<String> consequences;

  private RecommendingRules(List<String> consequences) {
    this.consequences = List.copyOf(consequences);
  }

  /**
   * Reads the rule set's rules; fails when a file does not parse, which a rule set that compiled
   * cannot do.
   */
  static RecommendingRules of(RuleSet ruleSet) {
    Map<String, String> sources = new TreeMap<>(ruleSet.drlFiles());
    for (String table : ruleSet.decisionTables().keySet()) {
      sources.put(table, DecisionTable.of(ruleSet, table).drl());
    }
    List<String> consequences = new ArrayList<>();
    sources.forEach(
        (file, drl) -> {
          DrlParser parser = new DrlParser();
          PackageDescr rules;
          try {
            rules = parser.parse(false, drl);
          } catch (DroolsParserException e) {
            throw new IllegalStateException(ruleSet.label() + ": " + file + " does not parse", e);
          }
          if (parser.hasErrors() || rules == null) {
            throw new IllegalStateException(
                ruleSet.label() + ": " + file + " does not parse: " + parser.getErrors());
          }
          for (RuleDescr rule : rules.getRules()) {
            List<String> texts = new ArrayList<>();
            texts.add(String.valueOf(rule.getConsequence()));
            rule.getNamedConsequences().values().forEach(c -> texts.add(String.valueOf(c)));
            texts.stream()
                .filter(text -> RECOMMENDATION.matcher(text).find())
                .forEach(consequences::add);
          }
        });
    return new RecommendingRules(consequences);
  }

  /** True when a consequence making a recommendation holds {@code measure} as a quoted text. */
  boolean name(String measure) {
    String quoted = "\"" + measure + "\"";
    return consequences.stream().anyMatch(c -> c.contains(quoted));
  }
}
