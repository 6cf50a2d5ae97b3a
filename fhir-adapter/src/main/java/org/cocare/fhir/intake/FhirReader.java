package org.cocare.fhir.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads FHIR R4 content strictly: a body that is not well-formed, carries unknown elements or
 * breaks the base specification is refused with an {@link InvalidFhirException} whose outcome names
 * each problem and where it is. Thread-safe; build one per application (the validator is costly to
 * warm).
 */
public final class FhirReader {
  private final FhirContext context;
  private final FhirValidator validator;

  public FhirReader(FhirContext context) {
    this.context = context;
    ValidationSupportChain support =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(context),
            new InMemoryTerminologyServerValidationSupport(context),
            new CommonCodeSystemsTerminologyService(context),
            new SnapshotGeneratingValidationSupport(context));
    FhirInstanceValidator instanceValidator = new PooledInstanceValidator(support);
    // Hospitals send local extensions and profiles (QI-Core, US Core) we do not hold: neither is an
    // error against the base specification.
    instanceValidator.setAnyExtensionsAllowed(true);
    instanceValidator.setErrorForUnknownProfiles(false);
    instanceValidator.setNoExtensibleWarnings(true);
    this.validator = context.newValidator();
    this.validator.setValidateAgainstStandardSchema(false);
    this.validator.setValidateAgainstStandardSchematron(false);
    this.validator.registerValidatorModule(instanceValidator);
  }

  public FhirContext context() {
    return context;
  }

  /** Parses and validates; returns the resource, or throws with an outcome saying what is wrong. */
  public Resource read(byte[] body, String contentType) {
    String text = text(body);
    Resource resource = parse(text, contentType);
    validate(text);
    return resource;
  }

  /** Parses strictly (unknown elements are errors) without the costlier profile validation. */
  public Resource parse(byte[] body, String contentType) {
    return parse(text(body), contentType);
  }

  /**
   * Every finding of the validator, of any severity, for a resource Cocare writes itself (a
   * Questionnaire, a MeasureReport): its tests refuse the errors and show the warnings, which
   * {@link #read} would hide.
   */
  public List<SingleValidationMessage> findings(Resource resource) {
    return validator
        .validateWithResult(context.newJsonParser().encodeResourceToString(resource))
        .getMessages();
  }

  /** Builds the validator's caches, so the first message does not pay for them. */
  public void warmUp() {
    validator.validateWithResult(
        "{\"resourceType\":\"Patient\",\"id\":\"warm-up\",\"birthDate\":\"1970-01-01\"}");
  }

  /**
   * As {@link #parse(byte[], String)}, for text already decoded (a line of an NDJSON file): saves
   * copying it back to bytes and decoding it again.
   */
  public Resource parse(String text, String contentType) {
    if (text.isBlank()) {
      throw new InvalidFhirException(
          ErrorCode.MALFORMED,
          "empty body",
          Outcomes.error(ErrorCode.MALFORMED, IssueType.STRUCTURE, "The body is empty.", null));
    }
    IParser parser =
        encodingOf(contentType, text) == EncodingEnum.XML
            ? context.newXmlParser()
            : context.newJsonParser();
    parser.setParserErrorHandler(new StrictErrorHandler());
    try {
      if (parser.parseResource(text) instanceof Resource resource) {
        return resource;
      }
      throw new InvalidFhirException(
          ErrorCode.UNSUPPORTED,
          "not an R4 resource",
          Outcomes.error(
              ErrorCode.UNSUPPORTED, IssueType.NOTSUPPORTED, "Not an R4 resource.", null));
    } catch (DataFormatException | IllegalArgumentException | IllegalStateException e) {
      // The parser stops at the first problem and rarely says where; the validator reads the same
      // text on its own and locates every problem, so its issues come first. If it could read the
      // syntax (no fatal finding), the body is well-formed but breaks the specification: invalid,
      // like anything else the validator refuses. Otherwise it is malformed.
      List<SingleValidationMessage> located = locatedErrors(text);
      boolean wellFormed =
          !located.isEmpty()
              && located.stream().noneMatch(m -> m.getSeverity() == ResultSeverityEnum.FATAL);
      ErrorCode code = wellFormed ? ErrorCode.INVALID : ErrorCode.MALFORMED;
      OperationOutcome outcome = outcome(code, located);
      Outcomes.addIssue(
          outcome,
          code,
          IssueSeverity.ERROR,
          wellFormed ? IssueType.INVALID : IssueType.STRUCTURE,
          (wellFormed
                  ? "The body breaks the FHIR R4 specification: "
                  : "The body is not well-formed FHIR: ")
              + e.getMessage(),
          null);
      throw new InvalidFhirException(code, wellFormed ? "invalid FHIR" : "malformed FHIR", outcome);
    }
  }

  private void validate(String text) {
    List<SingleValidationMessage> errors = errors(text);
    if (!errors.isEmpty()) {
      throw new InvalidFhirException(
          ErrorCode.INVALID,
          errors.size() + " validation error(s)",
          outcome(ErrorCode.INVALID, errors));
    }
  }

  /**
   * The validator's located issues for a body the parser refused. Unbalanced JSON, or JSON that is
   * no object at all, stops the validator with an exception of its own (Gson, encoding detection):
   * then there are none, and the parser's message, which names line and column, stands alone.
   */
  private List<SingleValidationMessage> locatedErrors(String text) {
    try {
      return errors(text);
    } catch (RuntimeException validatorCannotRead) {
      return List.of();
    }
  }

  private List<SingleValidationMessage> errors(String text) {
    // Whitespace before the root element is well-formed XML, but the validator then reports "The
    // XML encoding is invalid (must be UTF-8, not 'null')": its encoding check wants '<' first.
    String trimmed = text.stripLeading();
    ValidationResult result =
        validator.validateWithResult(trimmed.startsWith("<") ? trimmed : text);
    return result.getMessages().stream()
        .filter(
            m ->
                m.getSeverity() == ResultSeverityEnum.ERROR
                    || m.getSeverity() == ResultSeverityEnum.FATAL)
        .filter(m -> !isContainedIdLength(m))
        .filter(m -> !isOrphanContained(m))
        .filter(m -> !isCrossVersionExtension(m))
        .toList();
  }

  /**
   * Cross-version extensions ({@code http://hl7.org/fhir/5.0/StructureDefinition/extension-…}) are
   * defined by the specification, and QI-Core content carries them (DeviceRequest.doNotPerform in
   * the eCQM test decks). The validator calls their version invalid only because it holds no
   * cross-version package; like any other extension we do not hold, they are no error.
   */
  private static boolean isCrossVersionExtension(SingleValidationMessage message) {
    return "Extension_EXT_Version_Invalid".equals(message.getMessageId());
  }

  /**
   * dom-3 wants every contained resource referenced from its container. HAPI's validator refuses
   * the FHIR test case {@code contained-resource.json} for it, which is content we must take; an
   * unreferenced contained resource is inert for a patient's record, as nothing reads it.
   */
  private static boolean isOrphanContained(SingleValidationMessage message) {
    return "CONTAINED_ORPHAN_DOM3".equals(message.getMessageId());
  }

  /**
   * The 64-character limit is for resource ids; a contained resource's id is only a local anchor,
   * and the reference validator (FHIR test case {@code contained-resource.json}) accepts a longer
   * one. HAPI's validator reports it as an error, which we do not pass on. Matched by message id
   * (not text), and only inside {@code contained}: a top-level id that is too long is refused.
   */
  private static boolean isContainedIdLength(SingleValidationMessage message) {
    String where = message.getLocationString();
    return "Resource_RES_ID_Malformed_Length".equals(message.getMessageId())
        && where != null
        && where.contains(".contained[");
  }

  private static OperationOutcome outcome(ErrorCode code, List<SingleValidationMessage> errors) {
    OperationOutcome outcome = new OperationOutcome();
    for (SingleValidationMessage message : errors) {
      String where = message.getLocationString();
      String diagnostics =
          message.getMessage()
              + (message.getLocationLine() != null
                  ? " (line "
                      + message.getLocationLine()
                      + ", column "
                      + message.getLocationCol()
                      + ")"
                  : "");
      Outcomes.addIssue(
          outcome,
          code,
          message.getSeverity() == ResultSeverityEnum.FATAL
              ? IssueSeverity.FATAL
              : IssueSeverity.ERROR,
          IssueType.INVALID,
          diagnostics,
          where);
    }
    return outcome;
  }

  private static String text(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** XML when the content type says so, or when it says nothing and the body starts with '<'. */
  static EncodingEnum encodingOf(String contentType, String text) {
    if (contentType != null) {
      String type = contentType.toLowerCase(Locale.ROOT);
      if (type.contains("xml")) {
        return EncodingEnum.XML;
      }
      if (type.contains("json")) {
        return EncodingEnum.JSON;
      }
    }
    return text.stripLeading().startsWith("<") ? EncodingEnum.XML : EncodingEnum.JSON;
  }
}
