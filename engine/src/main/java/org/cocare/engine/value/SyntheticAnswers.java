package org.cocare.engine.value;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.cocare.fhir.value.PatientTraits;
import org.cocare.fhir.value.QuestionnaireAnswers;
import org.cocare.fhir.value.Scale;

/**
 * Seeded questionnaire answers with known paths, for demos and for checking that the mediation
 * model finds what was put in. For each patient:
 *
 * <pre>
 * ability   = 4 + N(0, 1)                                                  (independent of the traits)
 * behaviour = 4 + a·(ability − 4) + controls + N(0, residualSd)
 * value     = 4 + c′·(ability − 4) + b·(behaviour − 4)
 *               + moderation·(ability − 4)·male + controls + N(0, residualSd)
 * controls  = agePerDecade·(age − 50)/10 + the shift of each of the patient's trait levels
 * </pre>
 *
 * Each Likert item is its scale's latent score plus {@code N(0, itemSd)}, rounded and clamped to
 * 1–7.
 *
 * <p>What "true" means. The latent scores follow the model above exactly, so fitted on them ({@link
 * Sample#latent()}) the models estimate: a in model a; c′ (ability's effect for the patients who
 * are not men), b and the moderation in the moderation model; b and {@link
 * Paths#averageDirectEffect c′ + moderation × share of men} in model b, which has no interaction
 * and so averages the direct effect over gender (exactly, because ability is drawn independently of
 * gender). The scale scores computed from the Likert items ({@link Sample#answers()}) carry the
 * same structure but not the same numbers: item noise and rounding are measurement error in the
 * regressors and attenuate their coefficients (with the typical settings a, b and the moderation
 * come out some 10–20% low; c′ less, as part of b's loss shows up in it), and clamping at 1 and 7 a
 * little more. Coverage claims belong to the latent scores; the items are for the scales'
 * reliability and for the whole path from answers to report.
 */
public record SyntheticAnswers(Paths paths, double itemSd) {

  private static final Instant AUTHORED = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * The generating model's parameters.
   *
   * @param a ability → behaviour
   * @param b behaviour → value
   * @param cPrime ability → value with behaviour held fixed, for patients who are not men
   * @param genderModeration how much larger ability's direct effect on value is for men
   * @param agePerDecade behaviour's and value's shift per ten years of age over 50
   * @param levelShifts behaviour's and value's shift for a trait level, by its code (e.g. {@code
   *     tertiary}, {@code male}); levels not named, and unknown traits, shift nothing
   * @param residualSd the standard deviation of behaviour's and value's own noise
   */
  public record Paths(
      double a,
      double b,
      double cPrime,
      double genderModeration,
      double agePerDecade,
      Map<String, Double> levelShifts,
      double residualSd) {

    public Paths {
      levelShifts = Map.copyOf(levelShifts);
      if (!(residualSd > 0)) {
        throw new IllegalArgumentException("residual sd must be positive, was " + residualSd);
      }
    }

    /** Moderate effects of the size participation studies report, with every control mattering. */
    public static Paths typical() {
      return new Paths(
          0.5,
          0.4,
          0.3,
          0.2,
          0.05,
          Map.of(
              "male", 0.1,
              "secondary", 0.1,
              "tertiary", 0.3,
              "chronic-care", -0.2,
              "check-up", 0.1,
              "cardiology", 0.1,
              "endocrinology", -0.1),
          0.6);
    }

    /**
     * What model b's ability coefficient estimates when men make up {@code maleShare} of the
     * patients: the direct effect averaged over gender.
     */
    public double averageDirectEffect(double maleShare) {
      return cPrime + genderModeration * maleShare;
    }

    /** The indirect effect a·b. */
    public double indirect() {
      return a * b;
    }
  }

  /**
   * One generated sample.
   *
   * @param answers one questionnaire response per patient, every item answered
   * @param latent the latent (continuous, unrounded) scale scores with the traits: the data on
   *     which the paths are the true coefficients
   */
  public record Sample(
      List<PatientTraits> traits, List<QuestionnaireAnswers> answers, AnalysisDataset latent) {
    public Sample {
      traits = List.copyOf(traits);
      answers = List.copyOf(answers);
      Objects.requireNonNull(latent, "latent");
    }

    /** The dataset as Cocare reads it: scale scores from the Likert items, no recommendations. */
    public AnalysisDataset fromItems() {
      return AnalysisDataset.of(answers, traits, List.of(), ValueFilter.ALL);
    }
  }

  public SyntheticAnswers {
    Objects.requireNonNull(paths, "paths");
    if (!(itemSd >= 0)) {
      throw new IllegalArgumentException("item sd must not be negative, was " + itemSd);
    }
  }

  /** The typical paths, items with noise 0.7 (Cronbach's alpha about 0.75–0.9). */
  public static SyntheticAnswers typical() {
    return new SyntheticAnswers(Paths.typical(), 0.7);
  }

  /** Answers for {@code patients} patients whose traits are also drawn from the seed. */
  public Sample generate(int patients, long seed) {
    return generate(traits(patients, seed), seed);
  }

  /** Answers for these patients; the same patients and seed give the same sample. */
  public Sample generate(List<PatientTraits> patients, long seed) {
    // Another stream than the traits', so a caller reusing the seed gets independent draws.
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<QuestionnaireAnswers> answers = new ArrayList<>(patients.size());
    List<AnalysisDataset.Row> latent = new ArrayList<>(patients.size());
    for (PatientTraits t : patients) {
      double controls = controls(t);
      double male = "male".equals(t.gender()) ? 1 : 0;
      double ability = 4 + random.nextGaussian();
      double behaviour =
          4 + paths.a() * (ability - 4) + controls + paths.residualSd() * random.nextGaussian();
      double value =
          4
              + (paths.cPrime() + paths.genderModeration() * male) * (ability - 4)
              + paths.b() * (behaviour - 4)
              + controls
              + paths.residualSd() * random.nextGaussian();
      Map<String, Integer> items = new HashMap<>();
      items(Scale.ABILITY, ability, random, items);
      items(Scale.BEHAVIOUR, behaviour, random, items);
      items(Scale.VALUE, value, random, items);
      answers.add(
          new QuestionnaireAnswers("synthetic-" + t.patientId(), t.patientId(), AUTHORED, items));
      latent.add(
          new AnalysisDataset.Row(
              t.patientId(),
              ability,
              behaviour,
              value,
              null,
              t.age(),
              t.gender(),
              t.education(),
              t.visitReason(),
              t.department()));
    }
    return new Sample(patients, answers, new AnalysisDataset(latent));
  }

  private double controls(PatientTraits t) {
    double shift = t.age() == null ? 0 : paths.agePerDecade() * (t.age() - 50) / 10.0;
    for (String level : new String[] {t.gender(), t.education(), t.visitReason(), t.department()}) {
      if (level != null) {
        shift += paths.levelShifts().getOrDefault(level, 0.0);
      }
    }
    return shift;
  }

  private void items(
      Scale scale, double latent, SplittableRandom random, Map<String, Integer> items) {
    for (String linkId : scale.items()) {
      long answer = Math.round(latent + itemSd * random.nextGaussian());
      items.put(linkId, (int) Math.max(Scale.MIN, Math.min(Scale.MAX, answer)));
    }
  }

  /**
   * Patients {@code p0001} … with traits drawn independently: age 18–89; gender female 50%, male
   * 45%, other 3%, unknown 2%; education primary, secondary, tertiary (20/45/35%), unknown for 2%
   * so that listwise deletion has work; visit reason acute, chronic-care, check-up; department
   * cardiology, endocrinology, general-practice.
   */
  public static List<PatientTraits> traits(int patients, long seed) {
    if (patients < 0) {
      throw new IllegalArgumentException("negative number of patients: " + patients);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<PatientTraits> traits = new ArrayList<>(patients);
    for (int i = 1; i <= patients; i++) {
      int age = 18 + random.nextInt(72);
      String gender =
          pick(random, new String[] {"female", "male", "other", "unknown"}, .50, .95, .98);
      String education =
          random.nextDouble() < 0.02
              ? null
              : pick(random, new String[] {"primary", "secondary", "tertiary"}, .20, .65);
      String reason = pick(random, new String[] {"acute", "chronic-care", "check-up"}, .3, .7);
      String department =
          pick(random, new String[] {"cardiology", "endocrinology", "general-practice"}, .34, .67);
      traits.add(
          new PatientTraits(String.format("p%04d", i), age, gender, education, reason, department));
    }
    return traits;
  }

  /** The level whose cumulative probability first exceeds a uniform draw. */
  private static String pick(SplittableRandom random, String[] levels, double... cumulative) {
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return levels[i];
      }
    }
    return levels[levels.length - 1];
  }
}
