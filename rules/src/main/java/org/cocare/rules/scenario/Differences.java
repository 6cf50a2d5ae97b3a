package org.cocare.rules.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.cocare.rules.scenario.Scenario.ExpectedGap;
import org.cocare.rules.scenario.Scenario.ExpectedRecommendation;

/**
 * What the rules produced against what a scenario expects, in words a clinician can act on. Exact
 * matches are set aside first (as multisets: the rules may recommend one code twice, citing
 * different evidence); what is left is paired by code, so a recommendation that came with another
 * due date reads as that, not as one missing and one unexpected.
 */
final class Differences {
  private record Field(String label, Function<ExpectedRecommendation, Object> value) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("kind", ExpectedRecommendation::kind),
          new Field("priority", ExpectedRecommendation::priority),
          new Field("due", ExpectedRecommendation::due),
          new Field("catalogue item", ExpectedRecommendation::catalogueItem),
          new Field("language", ExpectedRecommendation::language),
          new Field("variant", ExpectedRecommendation::variant),
          new Field("rule", ExpectedRecommendation::ruleId),
          new Field("evidence", r -> String.join(", ", r.evidence())));

  private Differences() {}

  static List<String> of(
      Scenario.Expected expected,
      List<ExpectedRecommendation> recommendations,
      List<ExpectedGap> gapsClosed) {
    List<String> out = new ArrayList<>();
    recommendations(expected.recommendations(), recommendations, out);
    gaps(expected.gapsClosed(), gapsClosed, out);
    return out;
  }

  private static void recommendations(
      List<ExpectedRecommendation> expected,
      List<ExpectedRecommendation> produced,
      List<String> out) {
    List<ExpectedRecommendation> missing = new ArrayList<>(expected);
    List<ExpectedRecommendation> unexpected = unmatched(missing, produced);
    unexpected.sort(Comparator.comparing(ExpectedRecommendation::code));
    for (Iterator<ExpectedRecommendation> it = missing.iterator(); it.hasNext(); ) {
      ExpectedRecommendation wanted = it.next();
      ExpectedRecommendation got =
          sameCode(unexpected, wanted.code(), ExpectedRecommendation::code);
      if (got != null) {
        unexpected.remove(got);
        it.remove();
        out.add("recommendation " + wanted.code() + " produced with " + changes(wanted, got));
      }
    }
    missing.forEach(r -> out.add("recommendation expected but not produced: " + describe(r)));
    unexpected.forEach(r -> out.add("recommendation produced but not expected: " + describe(r)));
  }

  private static void gaps(
      List<ExpectedGap> expected, List<ExpectedGap> produced, List<String> out) {
    List<ExpectedGap> missing = new ArrayList<>(expected);
    List<ExpectedGap> unexpected = unmatched(missing, produced);
    unexpected.sort(
        Comparator.comparing(ExpectedGap::code).thenComparing(g -> String.valueOf(g.evidence())));
    for (Iterator<ExpectedGap> it = missing.iterator(); it.hasNext(); ) {
      ExpectedGap wanted = it.next();
      ExpectedGap got = sameCode(unexpected, wanted.code(), ExpectedGap::code);
      if (got != null) {
        unexpected.remove(got);
        it.remove();
        out.add(
            "gap "
                + wanted.code()
                + " closed by "
                + got.evidence()
                + " instead of "
                + wanted.evidence());
      }
    }
    missing.forEach(
        g -> out.add("closed gap expected but not produced: " + g.code() + " by " + g.evidence()));
    unexpected.forEach(
        g -> out.add("gap closed but not expected: " + g.code() + " by " + g.evidence()));
  }

  /** Removes from {@code expected} each produced item it holds; returns the produced rest. */
  private static <T> List<T> unmatched(List<T> expected, List<T> produced) {
    List<T> rest = new ArrayList<>();
    for (T item : produced) {
      if (!expected.remove(item)) {
        rest.add(item);
      }
    }
    return rest;
  }

  private static <T> T sameCode(List<T> items, String code, Function<T, String> codeOf) {
    return items.stream().filter(i -> code.equals(codeOf.apply(i))).findFirst().orElse(null);
  }

  private static String changes(ExpectedRecommendation wanted, ExpectedRecommendation got) {
    List<String> changes = new ArrayList<>();
    for (Field field : FIELDS) {
      Object want = field.value().apply(wanted);
      Object have = field.value().apply(got);
      if (!Objects.equals(want, have)) {
        changes.add(field.label() + " " + shown(have) + " instead of " + shown(want));
      }
    }
    return String.join(", ", changes);
  }

  /**
   * E.g. {@code screening-hcv (screening-reminder, routine, due 2025-07-15, rule …, evidence …)}.
   */
  private static String describe(ExpectedRecommendation r) {
    List<String> parts = new ArrayList<>();
    for (Field field : FIELDS) {
      Object value = field.value().apply(r);
      if (value != null) {
        parts.add(
            field.label().equals("kind") ? value.toString() : field.label() + " " + shown(value));
      }
    }
    return r.code() + " (" + String.join(", ", parts) + ")";
  }

  private static String shown(Object value) {
    return value == null || value.toString().isEmpty() ? "none" : value.toString();
  }
}
