package org.cocare.engine.rules;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.cocare.engine.terminology.Terminology;
import org.cocare.fhir.facts.FactMapper;
import org.cocare.rules.model.EvaluationContext;
import org.cocare.rules.model.ValueSetIndex;
import org.cocare.rules.recommendation.Recommendation;
import org.cocare.rules.ruleset.RuleBase;
import org.cocare.rules.ruleset.RuleSet;
import org.cocare.rules.ruleset.RuleSetCompilationException;

/**
 * Compiles rule sets (each content hash once, cached with Caffeine and, when given a {@link
 * RuleBaseCache}, on disk across restarts) and evaluates facts against the active one. Swapping the
 * active rule set is atomic: an evaluation already running finishes on the version it started with,
 * and a rule set that does not compile never becomes active. Thread-safe.
 */
public final class RuleEngine {
  private final Cache<String, CompiledRuleSet> compiled =
      Caffeine.newBuilder().maximumSize(32).build();
  private final AtomicReference<CompiledRuleSet> active = new AtomicReference<>();
  private final Function<RuleSet, ? extends ValueSetIndex> terminology;
  // Null: compiled rule bases are kept in memory only.
  private final RuleBaseCache stored;

  /** With each rule set's own starter terminology only (tests, the shipped defaults). */
  public RuleEngine(RuleSet initial) {
    this(initial, Terminology::fromRuleSet);
  }

  /**
   * {@code terminology} builds the value-set index a rule set needs (configured sources, then its
   * starter terminology); it fails when a value set the rules use has no source, and that failure
   * refuses the rule set like a compile error.
   */
  public RuleEngine(RuleSet initial, Function<RuleSet, ? extends ValueSetIndex> terminology) {
    this(initial, terminology, null);
  }

  /**
   * As {@link #RuleEngine(RuleSet, Function)}, and each rule base compiled is also kept in {@code
   * stored}, where a later engine (the next start) finds it instead of compiling the same content
   * again.
   */
  public RuleEngine(
      RuleSet initial,
      Function<RuleSet, ? extends ValueSetIndex> terminology,
      RuleBaseCache stored) {
    this.terminology = terminology;
    this.stored = stored;
    activate(initial);
  }

  /** Compiles {@code ruleSet} (or takes it from the cache) and makes it the active one. */
  public CompiledRuleSet activate(RuleSet ruleSet) {
    return activate(compile(ruleSet));
  }

  /** Makes an already compiled rule set the active one: an atomic swap, instant. */
  public CompiledRuleSet activate(CompiledRuleSet compiled) {
    active.set(compiled);
    if (stored != null) {
      // The next start reads the active rule set's entry: drafts checked since must not prune it.
      stored.keep(compiled.ruleSet());
    }
    return compiled;
  }

  public CompiledRuleSet active() {
    return active.get();
  }

  /**
   * Compiles without activating (or takes it from the cache: a version compiled before is instant);
   * fails with every error's file, line and column, or naming the value sets no terminology source
   * holds.
   */
  public CompiledRuleSet compile(RuleSet ruleSet) {
    CompiledRuleSet done =
        compiled.get(
            ruleSet.contentHash(),
            hash -> {
              RuleBase ruleBase =
                  stored == null ? RuleBase.compile(ruleSet) : stored.readOrCompile(ruleSet);
              ValueSetIndex index;
              try {
                index = terminology.apply(ruleSet);
              } catch (IllegalStateException e) {
                throw new RuleSetCompilationException(ruleSet.label(), List.of(e.getMessage()));
              }
              return new CompiledRuleSet(
                  ruleSet, ruleBase, ruleSet.parameters(), index, new FactMapper(index));
            });
    // Same content, maybe another name or version: the label recorded on recommendations is this
    // rule set's own.
    return done.ruleSet().equals(ruleSet)
        ? done
        : new CompiledRuleSet(
            ruleSet, done.ruleBase(), done.parameters(), done.terminology(), done.mapper());
  }

  /** True when this content was compiled before (activating it again is instant). */
  public boolean isCompiled(RuleSet ruleSet) {
    return compiled.getIfPresent(ruleSet.contentHash()) != null;
  }

  /** Evaluates one patient's facts against the active rule set, in a stateless session. */
  public RuleOutput evaluate(Collection<?> facts, EvaluationContext context) {
    return evaluate(active.get(), facts, context);
  }

  public RuleOutput evaluate(
      CompiledRuleSet ruleSet, Collection<?> facts, EvaluationContext context) {
    RuleBase.Firing firing = ruleSet.ruleBase().fire(facts, context, ruleSet.parameters());
    return new RuleOutput(
        ruleSet.ruleSet().label(), mergeByCode(firing.recommendations()), firing.gapsClosed());
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
                first.catalogueItem(),
                first.content());
          });
    }
    return List.copyOf(byCode.values());
  }
}
