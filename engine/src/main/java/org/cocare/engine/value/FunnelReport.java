package org.cocare.engine.value;

import java.util.List;
import java.util.Objects;

/**
 * The engagement funnel, broken down by {@code dimension}: per group, how many recommendations
 * reached each {@link Stage}, with Wilson 95% intervals. Groups come largest first.
 */
public record FunnelReport(Dimension dimension, List<Group> groups) {
  public FunnelReport {
    Objects.requireNonNull(dimension, "dimension");
    groups = List.copyOf(groups);
  }

  /** One group: its issued recommendations and a figure for every stage, in the funnel's order. */
  public record Group(String name, long issued, List<StageFigure> stages) {
    public Group {
      Objects.requireNonNull(name, "name");
      stages = List.copyOf(stages);
      if (stages.size() != Stage.values().length) {
        throw new IllegalArgumentException(
            "group "
                + name
                + " needs a figure for each of the "
                + Stage.values().length
                + " stages");
      }
    }

    public StageFigure stage(Stage stage) {
      return stages.get(stage.ordinal());
    }
  }

  /**
   * One stage of one group.
   *
   * @param count recommendations that reached the stage
   * @param ofIssued {@code count} as a share of the group's issued recommendations
   * @param conversion from the stage before; null for {@link Stage#ISSUED}, which has none
   */
  public record StageFigure(Stage stage, long count, Interval ofIssued, Conversion conversion) {
    public StageFigure {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(ofIssued, "ofIssued");
      if ((conversion == null) != (stage == Stage.ISSUED)) {
        throw new IllegalArgumentException(
            "every stage but issued has a conversion from the one before: " + stage);
      }
    }
  }

  /**
   * The share of the recommendations that reached {@code from} that went on to reach this stage
   * too. Stages are recorded independently (an unread message still closes gaps; a held-out
   * recommendation is completed without ever being sent), so this counts those that reached both,
   * not one stage's count over the other's, which could exceed one.
   *
   * @param rate Wilson 95% interval of {@code reachedBoth / reachedFrom}; null when none reached
   *     {@code from}, where there is no rate to estimate
   */
  public record Conversion(Stage from, long reachedFrom, long reachedBoth, Interval rate) {
    public Conversion {
      Objects.requireNonNull(from, "from");
      if (reachedBoth < 0 || reachedBoth > reachedFrom) {
        throw new IllegalArgumentException(
            "need 0 <= reachedBoth <= reachedFrom, was " + reachedBoth + " of " + reachedFrom);
      }
      if ((rate == null) != (reachedFrom == 0)) {
        throw new IllegalArgumentException(
            "a conversion has a rate exactly when some reached " + from);
      }
    }
  }
}
