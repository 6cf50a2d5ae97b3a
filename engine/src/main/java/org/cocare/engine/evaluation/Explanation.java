package org.cocare.engine.evaluation;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.cocare.rules.model.Eligible;
import org.cocare.rules.model.Excluded;
import org.cocare.rules.model.Finding;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.PlainLanguage;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleBase.Derivation;

/**
 * Why a patient gets what they get, as of a date: for each measure and rule family, whether the
 * patient is in its population, what excludes them (with the resources behind it), what the
 * building blocks found, what closed a gap, and the recommendations — each with the rule that
 * derived it and that rule's source (measure and version, or guideline).
 */
public record Explanation(
    String patient,
    LocalDate asOf,
    LocalDate periodStart,
    LocalDate periodEnd,
    String ruleSetVersion,
    List<Entry> populations,
    List<Entry> exclusions,
    List<Entry> findings,
    List<Entry> gapsClosed,
    List<Entry> recommendations) {

  /**
   * One derived fact: its code (measure, topic or recommendation), detail, evidence, rule, source.
   */
  public record Entry(
      String code, String detail, List<String> evidence, String rule, String source) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::code).thenComparing(e -> String.join(" ", e.evidence()));

  static Explanation of(
      String patient,
      LocalDate asOf,
      LocalDate periodStart,
      LocalDate periodEnd,
      String ruleSetVersion,
      List<Derivation> derivations) {
    return new Explanation(
        patient,
        asOf,
        periodStart,
        periodEnd,
        ruleSetVersion,
        entries(derivations, Eligible.class),
        entries(derivations, Excluded.class),
        entries(derivations, Finding.class, PlainLanguage.class),
        entries(derivations, GapClosed.class),
        entries(derivations, Recommendation.class));
  }

  private static List<Entry> entries(List<Derivation> derivations, Class<?>... types) {
    return derivations.stream()
        .filter(d -> java.util.Arrays.stream(types).anyMatch(type -> type.isInstance(d.fact())))
        .map(Explanation::entry)
        .sorted(ORDER)
        .toList();
  }

  private static Entry entry(Derivation d) {
    Object fact = d.fact();
    if (fact instanceof Eligible e) {
      return new Entry(e.code(), "in the population", List.of(e.evidence()), d.rule(), d.source());
    }
    if (fact instanceof Excluded e) {
      return new Entry(e.code(), e.reason(), List.of(e.evidence()), d.rule(), d.source());
    }
    if (fact instanceof Finding f) {
      return new Entry(f.topic(), null, List.of(f.evidence()), d.rule(), d.source());
    }
    if (fact instanceof PlainLanguage p) {
      return new Entry(
          "plain-language",
          "education in its plain-language variant",
          List.of(p.evidence()),
          d.rule(),
          d.source());
    }
    if (fact instanceof GapClosed g) {
      return new Entry(g.code(), "need met", List.of(g.evidence()), d.rule(), d.source());
    }
    Recommendation r = (Recommendation) fact;
    // One rule sends every catalogue item: the item's own guideline is the source worth showing.
    String source = r.kind() == Kind.EDUCATION ? r.guideline() : d.source();
    return new Entry(r.code(), r.reason(), r.evidence(), d.rule(), source);
  }
}
