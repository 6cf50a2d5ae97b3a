package org.cocare.fhir.intake;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.XmlUtil;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * HAPI's {@link FhirInstanceValidator}, except that the core {@link InstanceValidator} it drives is
 * kept and reused instead of built for every call.
 *
 * <p>HAPI 8.8's {@code ValidatorWrapper} builds a new {@code InstanceValidator} per validation, and
 * building one re-reads the OID registry CSV and hands every StructureDefinition to a new FHIRPath
 * engine: measured, about 70 % of the CPU of validating an eCQM-size transaction Bundle at receipt
 * (25 ms per Bundle with HAPI's wrapper, 7 ms with this one). The core validator clears its
 * per-validation state at the start of each validation (its main entry point says so), so one
 * instance can validate one message after another; it is not thread-safe, so each is lent to one
 * caller at a time from a pool.
 *
 * <p>Some state is never cleared by the core validator. The codings observer (used only for a check
 * of SNOMED codes against the IPS, off here), the code/display pairs kept for an AI check (unused
 * here) and the narrative ids found per element hold every coding or narrative seen with its place
 * in the content, and through the elements' parent links the parsed content itself: kept, every
 * message a validator read would stay in memory as long as the validator. So after each validation
 * this class empties those collections, and drops the last message's parsed content that the
 * validator keeps until its next validation ({@link #forgets()}: found by reflection, as HAPI
 * offers no way to reset them). Canonical-resource lookups stay cached (bounded by the profiles
 * there are), and a hint that an extension or profile is deprecated, withdrawn or retired is given
 * once per validator (for most of the service's life, as validators are rarely retired) rather than
 * once per message: the only findings that can differ from HAPI's own wrapper; they are hints, not
 * errors, so what {@link FhirReader#read} refuses is the same. A pooled validator is still retired
 * once it has read {@value #TEXT_BUDGET} characters, as a bound on what is not emptied, or {@value
 * #TEXT_BUDGET_KEEPING} when this HAPI's fields are not the ones expected and nothing could be
 * emptied; a message larger than the budget retires the validator that read it.
 *
 * <p>At most {@link #size()} validations run at once (one per core, at least two), each on a
 * validator of its own; more callers wait for one to come back. Validation uses the CPU only, so
 * more at once would not finish sooner, and every validator beyond the pool would be built for the
 * moment (about as much CPU as validating a Bundle: it re-reads HAPI's OID registry, among others)
 * and dropped, its structures surviving young collections meanwhile.
 *
 * <p>Everything else does what {@code ValidatorWrapper} does, with this validator's settings:
 * profiles named in the options or the root's {@code meta.profile} are validated against, an
 * unknown one is a warning unless {@link #setErrorForUnknownProfiles} says error, and the two
 * message kinds HAPI filters out are filtered out. A pooled validator takes this module's settings
 * when it is built: set them before the first validation, as {@link FhirReader} does.
 */
final class PooledInstanceValidator extends FhirInstanceValidator {
  /** Characters of content a pooled validator may read before it is retired. */
  static final long TEXT_BUDGET = 200_000_000;

  /** The same when what it keeps cannot be emptied: it holds every message it read. */
  static final long TEXT_BUDGET_KEEPING = 1_000_000;

  private static final Logger LOG = LoggerFactory.getLogger(PooledInstanceValidator.class);

  /** What the core validator keeps of each message, emptied after it; null if not found. */
  private static final Retained RETAINED = Retained.find();

  private static final Gson GSON = new Gson();

  private final int size = Math.max(2, Runtime.getRuntime().availableProcessors());
  private final LinkedBlockingDeque<Lease> idle = new LinkedBlockingDeque<>(size);
  private final Semaphore running = new Semaphore(size, true);

  private final long budget;
  private final boolean empties;
  private final AtomicInteger built = new AtomicInteger();

  PooledInstanceValidator(ValidationSupportChain support) {
    this(support, forgets() ? TEXT_BUDGET : TEXT_BUDGET_KEEPING);
  }

  /** With another text budget per pooled validator (tests retire them sooner). */
  PooledInstanceValidator(ValidationSupportChain support, long budget) {
    this(support, budget, true);
  }

  /** {@code empties} false: what the core validator keeps is left in it (tests compare). */
  PooledInstanceValidator(ValidationSupportChain support, long budget, boolean empties) {
    super(support);
    this.budget = budget;
    this.empties = empties && RETAINED != null;
  }

  /** How many validations may run at once: as many validators as there may be. */
  int size() {
    return size;
  }

  /** True when what the core validator keeps of each message is emptied after it. */
  static boolean forgets() {
    return RETAINED != null;
  }

  /** How many items the idle validators still hold of the messages they read (tests). */
  int retainedByIdle() {
    if (RETAINED == null) {
      throw new IllegalStateException("this HAPI's validator state was not found");
    }
    return idle.stream().mapToInt(lease -> RETAINED.count(lease.validator)).sum();
  }

  /** How many core validators this one has built so far. */
  int built() {
    return built.get();
  }

  @Override
  protected List<ValidationMessage> validate(IValidationContext<?> context) {
    IWorkerContext worker = provideWorkerContext();
    String input = context.getResourceAsString();
    EncodingEnum encoding = context.getResourceAsStringEncoding();
    List<ValidationMessage> messages = new ArrayList<>();
    List<StructureDefinition> profiles = new ArrayList<>();
    List<ValidationMessage> unknownProfiles = new ArrayList<>();
    for (String url : context.getOptions().getProfiles()) {
      addProfile(worker, profiles, url, unknownProfiles);
    }
    FhirFormat format;
    Object appContext;
    if (encoding == EncodingEnum.XML) {
      Document document;
      try {
        document = XmlUtil.parseDocument(input);
      } catch (Exception notXml) {
        ValidationMessage m = new ValidationMessage();
        m.setLevel(IssueSeverity.FATAL);
        m.setMessage(
            "Failed to parse input, it does not appear to be valid XML:" + notXml.getMessage());
        return List.of(m);
      }
      for (String url : xmlProfiles(document)) {
        addProfile(worker, profiles, url, unknownProfiles);
      }
      format = FhirFormat.XML;
      appContext = null;
    } else if (encoding == EncodingEnum.JSON) {
      for (String url : jsonProfiles(input)) {
        addProfile(worker, profiles, url, unknownProfiles);
      }
      format = FhirFormat.JSON;
      appContext = context.getOptions().getAppContext();
    } else {
      throw new IllegalArgumentException("Unknown encoding: " + encoding);
    }

    running.acquireUninterruptibly();
    try {
      Lease lease = borrow(worker);
      InputStream stream = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
      lease.validator.validate(appContext, messages, stream, format, profiles);
      // Returned only when the validation ended normally: a validator that threw may be mid-state.
      if (!empties || RETAINED.empty(lease.validator)) {
        giveBack(lease, input.length());
      }
    } finally {
      running.release();
    }

    if (profiles.isEmpty()) {
      messages.addAll(unknownProfiles);
    }
    IssueSeverity unknownProfile =
        isErrorForUnknownProfiles() ? IssueSeverity.ERROR : IssueSeverity.WARNING;
    List<ValidationMessage> kept = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      if (isFilteredByHapi(m)) {
        continue;
      }
      if (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
          || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId())) {
        m.setLevel(unknownProfile);
      }
      kept.add(m);
    }
    return kept;
  }

  private Lease borrow(IWorkerContext worker) {
    Lease lease = idle.pollFirst();
    // The worker context is built once and kept by the parent; a pooled validator built on an
    // earlier one (after invalidateCaches) is not reused.
    while (lease != null && lease.worker != worker) {
      lease = idle.pollFirst();
    }
    return lease != null ? lease : new Lease(worker, build(worker), budget);
  }

  private void giveBack(Lease lease, int characters) {
    lease.budget -= characters;
    if (lease.budget > 0) {
      idle.offerFirst(lease);
    }
  }

  /** Configured as HAPI's {@code ValidatorWrapper} configures the one it builds per call. */
  private InstanceValidator build(IWorkerContext worker) {
    built.incrementAndGet();
    InstanceValidator v =
        new InstanceValidator(
            worker,
            Objects.requireNonNullElseGet(
                getHostApplicationServices(), FhirInstanceValidator.NullEvaluationContext::new),
            new XVerExtensionManagerOld(worker),
            new ValidatorSession(),
            new ValidatorSettings());
    v.setAssumeValidRestReferences(isAssumeValidRestReferences());
    v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
    v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
    v.setResourceIdRule(IdStatus.OPTIONAL);
    v.setNoTerminologyChecks(isNoTerminologyChecks());
    v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
    v.setUnknownCodeSystemsCauseErrors(true);
    v.getExtensionDomains().addAll(getExtensionDomains());
    v.setFetcher(getValidatorResourceFetcher());
    v.setPolicyAdvisor(getValidatorPolicyAdvisor());
    v.setNoExtensibleWarnings(isNoExtensibleWarnings());
    v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
    v.setAllowExamples(isAllowExamples());
    v.setAllowXsiLocation(true);
    return v;
  }

  private static void addProfile(
      IWorkerContext worker,
      List<StructureDefinition> profiles,
      String url,
      List<ValidationMessage> unknown) {
    StructureDefinition profile;
    try {
      profile = worker.fetchResource(StructureDefinition.class, url);
    } catch (FHIRException unreadable) {
      return; // as HAPI: a profile that cannot be loaded is skipped
    }
    if (profile != null) {
      profiles.add(profile);
    } else {
      ValidationMessage m = new ValidationMessage();
      m.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
      m.setLevel(IssueSeverity.ERROR);
      m.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
      unknown.add(m);
    }
  }

  private static List<String> jsonProfiles(String input) {
    // As HAPI: text that is no JSON object stops here with Gson's exception, which says where.
    JsonObject root = GSON.fromJson(input, JsonObject.class);
    List<String> urls = new ArrayList<>();
    if (root != null
        && root.get("meta") instanceof JsonObject meta
        && meta.get("profile") instanceof JsonArray array) {
      array.forEach(url -> urls.add(url.getAsString()));
    }
    return urls;
  }

  private static List<String> xmlProfiles(Document document) {
    List<String> urls = new ArrayList<>();
    NodeList children = document.getChildNodes().item(0).getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeName().equalsIgnoreCase("meta")) {
        NodeList meta = children.item(i).getChildNodes();
        for (int j = 0; j < meta.getLength(); j++) {
          Node node = meta.item(j);
          if (node.getNodeName().equalsIgnoreCase("profile")) {
            urls.add(node.getAttributes().item(0).getNodeValue());
          }
        }
        break;
      }
    }
    return urls;
  }

  /** The two kinds of message HAPI's wrapper drops ("are these still needed?", it asks). */
  private static boolean isFilteredByHapi(ValidationMessage m) {
    String id = m.getMessageId();
    return id != null
        && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
            || (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
                && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
  }

  /**
   * The core validator's collections that grow with every message and are never cleared by it, read
   * reflectively (private in HAPI 8.8's {@code InstanceValidator} and {@code CodingsObserver}).
   */
  private record Retained(
      Field codingObserver,
      Field codings,
      Field xhtmlIds,
      Field textKeys,
      Field fetchCache,
      Field resourceTracker) {
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    static Retained find() {
      try {
        Field observer = field(InstanceValidator.class, "codingObserver");
        return new Retained(
            observer,
            field(observer.getType(), "list"),
            field(InstanceValidator.class, "xhtmlElementMap"),
            field(InstanceValidator.class, "textsToCheckKeys"),
            // These two the validator clears when the next validation starts; until then they
            // hold the last message read, root element first.
            field(InstanceValidator.class, "fetchCache"),
            field(InstanceValidator.class, "resourceTracker"));
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn(
            "HAPI's InstanceValidator is not as expected ({}): pooled validators keep what they"
                + " read and are retired every {} characters",
            e.toString(),
            TEXT_BUDGET_KEEPING);
        return null;
      }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    }

    /**
     * Empties them, and drops the parsed content the validator keeps as its result; what this
     * validation needed of them is over once it returned. False (said once in the log) when that
     * failed: the validator is then not reused, and the validation's findings stand.
     */
    boolean empty(InstanceValidator validator) {
      try {
        validator.validatedContent = null;
        validator.getTextsToCheck().clear();
        collections(validator).forEach(Retained::clear);
        return true;
      } catch (RuntimeException e) {
        if (FAILED.compareAndSet(false, true)) {
          LOG.warn("cannot empty a pooled validator, it is dropped instead: {}", e.toString());
        }
        return false;
      }
    }

    /** The collections, a null one (none yet) left out. */
    private List<Object> collections(InstanceValidator validator) {
      try {
        List<Object> all = new ArrayList<>();
        Object observer = codingObserver.get(validator);
        if (observer != null) {
          all.add(codings.get(observer));
        }
        for (Field field : List.of(xhtmlIds, textKeys, fetchCache, resourceTracker)) {
          all.add(field.get(validator));
        }
        all.removeIf(Objects::isNull);
        return all;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("made accessible when found", e);
      }
    }

    private static void clear(Object collection) {
      if (collection instanceof Collection<?> c) {
        c.clear();
      } else if (collection instanceof Map<?, ?> m) {
        m.clear();
      }
    }

    int count(InstanceValidator validator) {
      int n = validator.getTextsToCheck().size() + (validator.validatedContent == null ? 0 : 1);
      for (Object collection : collections(validator)) {
        n +=
            collection instanceof Collection<?> c
                ? c.size()
                : collection instanceof Map<?, ?> m ? m.size() : 0;
      }
      return n;
    }
  }

  private static final class Lease {
    final IWorkerContext worker;
    final InstanceValidator validator;
    long budget;

    Lease(IWorkerContext worker, InstanceValidator validator, long budget) {
      this.worker = worker;
      this.validator = validator;
      this.budget = budget;
    }
  }
}
