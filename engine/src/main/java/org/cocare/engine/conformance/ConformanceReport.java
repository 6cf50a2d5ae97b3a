package org.cocare.engine.conformance;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a rule set answered the steward cases: every case in the order of the index, and per measure
 * how many cases agreed. A measure the rule set does not implement is listed with its cases but
 * does not count against it: its open gaps cannot be found by a rule set that never names it.
 */
public record ConformanceReport(
    String ruleSet, List<CaseResult> cases, List<MeasureResult> measures) {

  public ConformanceReport {
    cases = List.copyOf(cases);
    measures = List.copyOf(measures);
  }

  /** One case: the stewards' care gap and whether the rule set recommended anything for it. */
  public record CaseResult(
      String measure,
      String patientId,
      String title,
      String careGap,
      boolean expectedOpen,
      boolean predictedOpen) {
    public boolean agrees() {
      return expectedOpen == predictedOpen;
    }
  }

  /**
   * One measure: {@code implemented} when the rule set names it in a recommendation (see {@link
   * EcqmCaseRunner#run}), and how many of its {@code cases} agreed.
   */
  public record MeasureResult(String measure, boolean implemented, int cases, int agreed) {
    public MeasureResult {
      if (agreed < 0 || agreed > cases) {
        throw new IllegalArgumentException(
            measure + ": " + agreed + " of " + cases + " cases cannot have agreed");
      }
    }

    /** Every case agreed. */
    public boolean allAgree() {
      return agreed == cases;
    }
  }

  /** How many cases, of every measure, agree. */
  public int agreed() {
    return (int) cases.stream().filter(CaseResult::agrees).count();
  }

  /** The measures the rule set implements, by id. */
  public Set<String> implemented() {
    return measures.stream()
        .filter(MeasureResult::implemented)
        .map(MeasureResult::measure)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The cases of implemented measures that disagree: empty when the rule set conforms. */
  public List<CaseResult> failures() {
    Set<String> implemented = implemented();
    return cases.stream().filter(c -> !c.agrees() && implemented.contains(c.measure())).toList();
  }

  /**
   * Every implemented measure agrees on every one of its cases; also true of a rule set that
   * implements none of them, so read it with {@link #implemented()}.
   */
  public boolean conforms() {
    return failures().isEmpty();
  }
}
