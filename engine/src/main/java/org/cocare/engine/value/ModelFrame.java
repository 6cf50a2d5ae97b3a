package org.cocare.engine.value;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import org.cocare.engine.value.AnalysisDataset.Row;

/**
 * The model columns of the analysed rows, named as patsy names them so that statsmodels' fit of the
 * same formula can be compared term by term: {@code age} as a number and each categorical control
 * in treatment coding against its alphabetically first level ({@code C(education)[T.tertiary]}).
 * The levels are those present in the analysed rows, as patsy finds them.
 */
final class ModelFrame {
  static final String INTERACTION = "ability:male";

  /**
   * The columns of one model, without the intercept.
   *
   * @param factors for each categorical control, the indices in {@code x} of its dummy columns
   */
  record Design(List<String> terms, double[][] x, int[][] factors) {}

  private final String mediatorName;
  final double[] ability;
  final double[] mediator;
  final double[] value;
  private final double[] male;
  private final List<String> controlTerms = new ArrayList<>();
  private final List<int[]> controlFactors = new ArrayList<>();
  private final double[][] controls;

  ModelFrame(List<Row> rows, Mediation.Mediator mediatorChoice) {
    int n = rows.size();
    this.mediatorName = mediatorChoice.column();
    this.ability = rows.stream().mapToDouble(Row::ability).toArray();
    this.mediator =
        rows.stream()
            .mapToDouble(
                r ->
                    mediatorChoice == Mediation.Mediator.RECORD_SHARE
                        ? r.recordBehaviour()
                        : r.behaviour())
            .toArray();
    this.value = rows.stream().mapToDouble(Row::value).toArray();
    this.male = rows.stream().mapToDouble(r -> "male".equals(r.gender()) ? 1 : 0).toArray();

    List<double[]> columns = new ArrayList<>();
    controlTerms.add("age");
    columns.add(rows.stream().mapToDouble(Row::age).toArray());
    categorical("gender", rows, Row::gender, columns);
    categorical("education", rows, Row::education, columns);
    categorical("visitReason", rows, Row::visitReason, columns);
    categorical("department", rows, Row::department, columns);
    controls = new double[n][columns.size()];
    for (int j = 0; j < columns.size(); j++) {
      for (int i = 0; i < n; i++) {
        controls[i][j] = columns.get(j)[i];
      }
    }
  }

  private void categorical(
      String name, List<Row> rows, Function<Row, String> level, List<double[]> columns) {
    List<String> levels = new ArrayList<>(new TreeSet<>(rows.stream().map(level).toList()));
    // No rows, no levels: the fit then fails on the count of patients, not here.
    int[] factor = new int[Math.max(0, levels.size() - 1)];
    for (int l = 1; l < levels.size(); l++) {
      String wanted = levels.get(l);
      factor[l - 1] = columns.size();
      controlTerms.add("C(" + name + ")[T." + wanted + "]");
      columns.add(rows.stream().mapToDouble(r -> wanted.equals(level.apply(r)) ? 1 : 0).toArray());
    }
    controlFactors.add(factor);
  }

  int n() {
    return value.length;
  }

  String mediatorName() {
    return mediatorName;
  }

  /** The share of men among the rows. */
  double maleShare() {
    double males = 0;
    for (double m : male) {
      males += m;
    }
    return males / male.length;
  }

  /** Whether gender can moderate: the rows hold both men and others. */
  boolean hasBothMaleAndOthers() {
    double share = maleShare();
    return share > 0 && share < 1;
  }

  /**
   * {@code ability [+ mediator] + controls [+ ability:male]}: the a and total models leave the
   * mediator out, only the moderation model has the interaction.
   */
  Design design(boolean withMediator, boolean withInteraction) {
    List<String> terms = new ArrayList<>();
    terms.add("ability");
    if (withMediator) {
      terms.add(mediatorName);
    }
    int lead = terms.size();
    terms.addAll(controlTerms);
    if (withInteraction) {
      terms.add(INTERACTION);
    }
    double[][] x = new double[n()][terms.size()];
    for (int i = 0; i < n(); i++) {
      x[i][0] = ability[i];
      if (withMediator) {
        x[i][1] = mediator[i];
      }
      System.arraycopy(controls[i], 0, x[i], lead, controls[i].length);
      if (withInteraction) {
        x[i][terms.size() - 1] = ability[i] * male[i];
      }
    }
    int[][] factors = new int[controlFactors.size()][];
    for (int f = 0; f < factors.length; f++) {
      factors[f] = controlFactors.get(f).clone();
      for (int k = 0; k < factors[f].length; k++) {
        factors[f][k] += lead;
      }
    }
    return new Design(List.copyOf(terms), x, factors);
  }
}
