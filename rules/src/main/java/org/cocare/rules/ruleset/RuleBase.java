package org.cocare.rules.ruleset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cocare.rules.content.Catalogue;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.model.Parameters;
import org.cocare.rules.model.PatientFact;
import org.cocare.rules.model.PlainLanguage;
import org.cocare.rules.recommendation.EducationContent;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.recommendation.Recommendation;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A rule set compiled into a Drools KieBase, and the one way its rules are fired: a stateless
 * session over the facts, the evaluation context and the parameters. The engine caches and
 * activates rule bases; the rules' own tests fire them exactly as the engine does.
 */
public final class RuleBase {
  private static final String RECOMMENDATIONS = "recommendations";
  private static final String GAPS_CLOSED = "gapsClosed";
  private static final String DERIVED = "derived";
  private static final String RESOURCES = "src/main/resources/";
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  private static final String PLAIN_LANGUAGE = "plainLanguage";

  /** The parameter naming the language of patients whose preferred one is not offered. */
  public static final String DEFAULT_LANGUAGE = "education.default-language";

  private final KieBase kieBase;
  private final Catalogue catalogue;

  private RuleBase(KieBase kieBase, Catalogue catalogue) {
    this.kieBase = kieBase;
    this.catalogue = catalogue;
  }

  /** What one firing produced, unmerged: every Recommendation and GapClosed in the session. */
  public record Firing(
      List<Recommendation> recommendations,
      List<GapClosed> gapsClosed,
      List<Derivation> derivations) {
    public Firing(List<Recommendation> recommendations, List<GapClosed> gapsClosed) {
      this(recommendations, gapsClosed, List.of());
    }
  }

  /**
   * A fact a rule inserted, with the rule's name and its {@code @source} metadata (the measure and
   * version, or the guideline). Only collected when explaining.
   */
  public record Derivation(Object fact, String rule, String source) {}

  /**
   * Compiles the rule set's DRL and reads its content catalogue; fails with every DRL error's file,
   * line and column, or with what is wrong in the catalogue.
   *
   * <p>DRL that reaches past the fact model and helpers ({@link RuleSafety}) is refused the same
   * way, before Drools sees it: compiling a consequence is the first step to running it, and every
   * path to a usable rule base (validating a draft, activating a version) comes through here.
   */
  public static RuleBase compile(RuleSet ruleSet) {
    List<RuleSafety.Violation> unsafe = RuleSafety.check(ruleSet);
    if (!unsafe.isEmpty()) {
      throw new RuleSetCompilationException(
          ruleSet.label(), unsafe.stream().map(RuleSafety.Violation::toString).toList());
    }
    Catalogue catalogue;
    try {
      catalogue = ruleSet.catalogue();
      if (!catalogue.items().isEmpty()) {
        catalogue.languageFor(null, ruleSet.parameters().text(DEFAULT_LANGUAGE));
      }
    } catch (IllegalArgumentException e) {
      throw new RuleSetCompilationException(ruleSet.label(), List.of(e.getMessage()));
    }
    KieServices kie = KieServices.Factory.get();
    KieFileSystem files = kie.newKieFileSystem();
    ReleaseId releaseId =
        kie.newReleaseId(
            "org.cocare.rulesets",
            ruleSet.name() + "-" + ruleSet.contentHash().substring(0, 16),
            "1");
    files.generateAndWritePomXML(releaseId);
    KieModuleModel module = kie.newKieModuleModel();
    // Facts are inserted once and never modified in a stateless session: property reactivity would
    // buy nothing and only warn about constraints that read the context's dates.
    module.setConfigurationProperty("drools.propertySpecific", "ALLOWED");
    module
        .newKieBaseModel("cocare")
        .setDefault(true)
        .newKieSessionModel("evaluate")
        .setDefault(true)
        .setType(KieSessionModel.KieSessionType.STATELESS);
    files.writeKModuleXML(module.toXML());
    ruleSet.drlFiles().forEach((name, drl) -> files.write(RESOURCES + folder(drl) + name, drl));
    KieBuilder builder = kie.newKieBuilder(files).buildAll();
    List<String> errors =
        builder.getResults().getMessages(Message.Level.ERROR).stream()
            .map(
                m ->
                    (m.getPath() == null
                            ? ""
                            : m.getPath().substring(m.getPath().lastIndexOf('/') + 1))
                        + (m.getLine() > 0 ? ":" + m.getLine() + ":" + m.getColumn() : "")
                        + " "
                        + m.getText())
            .toList();
    if (!errors.isEmpty()) {
      throw new RuleSetCompilationException(ruleSet.label(), errors);
    }
    return new RuleBase(kie.newKieContainer(releaseId).getKieBase(), catalogue);
  }

  public KieBase kieBase() {
    return kieBase;
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** Fires the rules over one patient's facts in a fresh stateless session. */
  public Firing fire(Collection<?> facts, EvaluationContext context, Parameters parameters) {
    return fire(facts, context, parameters, false);
  }

  /**
   * Fires as {@link #fire(Collection, EvaluationContext, Parameters)}; with {@code explain}, also
   * records which rule inserted each derived fact that is still held at the end (a logically
   * inserted fact whose reason went away is not).
   *
   * <p>The catalogue's items are facts of every firing. Each education recommendation comes back
   * with its {@link EducationContent}: in the patient's preferred language when the catalogue
   * offers it (else the rule set's {@value #DEFAULT_LANGUAGE}), plain when a rule derived {@link
   * PlainLanguage}.
   */
  public Firing fire(
      Collection<?> facts, EvaluationContext context, Parameters parameters, boolean explain) {
    KieCommands commands = KieServices.Factory.get().getCommands();
    List<Command<?>> batch = new ArrayList<>();
    batch.add(commands.newInsertElements(facts));
    batch.add(commands.newInsert(context));
    batch.add(commands.newInsert(parameters));
    batch.add(commands.newInsertElements(catalogue.items()));
    batch.add(commands.newFireAllRules());
    batch.add(commands.newGetObjects(new ClassObjectFilter(PlainLanguage.class), PLAIN_LANGUAGE));
    batch.add(commands.newGetObjects(new ClassObjectFilter(Recommendation.class), RECOMMENDATIONS));
    batch.add(commands.newGetObjects(new ClassObjectFilter(GapClosed.class), GAPS_CLOSED));
    StatelessKieSession session = kieBase.newStatelessKieSession();
    // Which rule inserted each object, by identity. Presence is read from the session's objects at
    // the end (a logically inserted fact whose reason went away is gone by then).
    Map<Object, Derivation> inserted = new IdentityHashMap<>();
    if (explain) {
      batch.add(commands.newGetObjects(new ClassObjectFilter(Object.class), DERIVED));
      session.addEventListener(
          new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
              if (event.getRule() != null) {
                Object source = event.getRule().getMetaData().get("source");
                inserted.put(
                    event.getObject(),
                    new Derivation(
                        event.getObject(),
                        event.getRule().getName(),
                        source == null ? null : source.toString()));
              }
            }
          });
    }
    ExecutionResults results = session.execute(commands.newBatchExecution(batch));
    List<Derivation> derivations = new ArrayList<>();
    if (explain) {
      for (Object fact : objects(results, DERIVED, Object.class)) {
        Derivation derivation = inserted.get(fact);
        if (derivation != null) {
          derivations.add(derivation);
        }
      }
    }
    List<Recommendation> recommendations =
        withContent(
            objects(results, RECOMMENDATIONS, Recommendation.class),
            facts,
            parameters,
            !objects(results, PLAIN_LANGUAGE, PlainLanguage.class).isEmpty());
    return new Firing(
        recommendations, objects(results, GAPS_CLOSED, GapClosed.class), List.copyOf(derivations));
  }

  private List<Recommendation> withContent(
      List<Recommendation> recommendations,
      Collection<?> facts,
      Parameters parameters,
      boolean plain) {
    if (recommendations.stream().noneMatch(r -> r.kind() == Kind.EDUCATION)) {
      return recommendations;
    }
    String preferred =
        facts.stream()
            .filter(PatientFact.class::isInstance)
            .map(PatientFact.class::cast)
            .findFirst()
            .map(PatientFact::language)
            .orElse(null);
    String language = catalogue.languageFor(preferred, parameters.text(DEFAULT_LANGUAGE));
    return recommendations.stream()
        .map(
            r ->
                r.kind() == Kind.EDUCATION
                    ? r.withContent(catalogue.content(r.catalogueItem(), language, plain))
                    : r)
        .toList();
  }

  private static <T> List<T> objects(ExecutionResults results, String name, Class<T> type) {
    Object value = results.getValue(name);
    if (!(value instanceof Collection<?> collection)) {
      return List.of();
    }
    return collection.stream().map(type::cast).toList();
  }

  /** Where a DRL file goes in the module: the folder of its package, as Drools expects. */
  private static String folder(String drl) {
    Matcher matcher = PACKAGE.matcher(drl);
    return matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
  }
}
