package org.cocare.engine.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.GapClosed;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleSet;
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
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Compiles rule sets (each content hash once) and evaluates facts against the active one. Swapping
 * the active rule set is atomic: an evaluation already running finishes on the version it started
 * with. Thread-safe.
 */
public final class RuleEngine {
  private static final String RECOMMENDATIONS = "recommendations";
  private static final String GAPS_CLOSED = "gapsClosed";
  private static final String RESOURCES = "src/main/resources/";

  private final KieServices kie = KieServices.Factory.get();
  private final Cache<String, KieBase> kieBases = Caffeine.newBuilder().maximumSize(32).build();
  private final AtomicReference<CompiledRuleSet> active = new AtomicReference<>();

  public RuleEngine(RuleSet initial) {
    activate(initial);
  }

  /** Compiles {@code ruleSet} (or takes it from the cache) and makes it the active one. */
  public CompiledRuleSet activate(RuleSet ruleSet) {
    CompiledRuleSet compiled = compile(ruleSet);
    active.set(compiled);
    return compiled;
  }

  public CompiledRuleSet active() {
    return active.get();
  }

  /** Compiles without activating; fails with every error's file, line and column. */
  public CompiledRuleSet compile(RuleSet ruleSet) {
    KieBase kieBase = kieBases.get(ruleSet.contentHash(), hash -> build(ruleSet, hash));
    return new CompiledRuleSet(ruleSet, kieBase, ruleSet.parameters());
  }

  /** Evaluates one patient's facts against the active rule set, in a stateless session. */
  public RuleOutput evaluate(Collection<?> facts, EvaluationContext context) {
    return evaluate(active.get(), facts, context);
  }

  public RuleOutput evaluate(
      CompiledRuleSet ruleSet, Collection<?> facts, EvaluationContext context) {
    KieCommands commands = kie.getCommands();
    List<Command<?>> batch = new ArrayList<>();
    batch.add(commands.newInsertElements(facts));
    batch.add(commands.newInsert(context));
    batch.add(commands.newInsert(ruleSet.parameters()));
    batch.add(commands.newFireAllRules());
    batch.add(commands.newGetObjects(new ClassObjectFilter(Recommendation.class), RECOMMENDATIONS));
    batch.add(commands.newGetObjects(new ClassObjectFilter(GapClosed.class), GAPS_CLOSED));
    StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
    ExecutionResults results = session.execute(commands.newBatchExecution(batch));
    return new RuleOutput(
        ruleSet.ruleSet().label(),
        mergeByCode(objects(results, RECOMMENDATIONS, Recommendation.class)),
        objects(results, GAPS_CLOSED, GapClosed.class));
  }

  /**
   * One recommendation per code, ordered by code (firing order is not a contract, output order is):
   * the first fired, with the evidence of all of them.
   */
  static List<Recommendation> mergeByCode(List<Recommendation> recommendations) {
    Map<String, Recommendation> byCode = new TreeMap<>();
    for (Recommendation r : recommendations) {
      byCode.merge(
          r.code(),
          r,
          (first, next) -> {
            Set<String> evidence = new LinkedHashSet<>(first.evidence());
            evidence.addAll(next.evidence());
            return new Recommendation(
                first.code(),
                first.kind(),
                first.measure(),
                first.guideline(),
                first.ruleId(),
                first.reason(),
                List.copyOf(evidence),
                first.due(),
                first.priority(),
                first.catalogueItem());
          });
    }
    return List.copyOf(byCode.values());
  }

  private static <T> List<T> objects(ExecutionResults results, String name, Class<T> type) {
    Object value = results.getValue(name);
    if (!(value instanceof Collection<?> collection)) {
      return List.of();
    }
    return collection.stream().map(type::cast).toList();
  }

  private static final java.util.regex.Pattern PACKAGE =
      java.util.regex.Pattern.compile(
          "^\\s*package\\s+([\\w.]+)", java.util.regex.Pattern.MULTILINE);

  /** Where a DRL file goes in the module: the folder of its package, as Drools expects. */
  private static String path(String name, String drl) {
    java.util.regex.Matcher matcher = PACKAGE.matcher(drl);
    String folder = matcher.find() ? matcher.group(1).replace('.', '/') + "/" : "";
    return RESOURCES + folder + name;
  }

  private KieBase build(RuleSet ruleSet, String hash) {
    KieFileSystem files = kie.newKieFileSystem();
    ReleaseId releaseId =
        kie.newReleaseId("org.cocare.rulesets", ruleSet.name() + "-" + hash.substring(0, 16), "1");
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
    ruleSet.drlFiles().forEach((name, content) -> files.write(path(name, content), content));
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
    return kie.newKieContainer(releaseId).getKieBase();
  }
}
