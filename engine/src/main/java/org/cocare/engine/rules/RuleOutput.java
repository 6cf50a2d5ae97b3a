package org.cocare.engine.rules;

import java.util.List;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.Recommendation;

/**
 * What one evaluation produced: recommendations (one per code, evidence merged) and the derived
 * facts saying which needs are met, with the rule-set version that produced them.
 */
public record RuleOutput(
    String ruleSetVersion, List<Recommendation> recommendations, List<GapClosed> gapsClosed) {
  public RuleOutput {
    recommendations = List.copyOf(recommendations);
    gapsClosed = List.copyOf(gapsClosed);
  }
}
