package org.cocare.engine.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.facts.MessageContent;
import org.cocare.fhir.facts.ResourceChange;
import org.cocare.fhir.intake.FhirReader;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/**
 * Evaluates content as it stands, touching no store: what would Cocare recommend for the patients
 * in this Bundle (or these resources) as of a date.
 */
public final class DryRun {
  private final FhirReader reader;
  private final MessageContent content;
  private final Evaluator evaluator;

  public DryRun(FhirReader reader, Evaluator evaluator) {
    this.reader = reader;
    this.content = new MessageContent(reader.context());
    this.evaluator = evaluator;
  }

  /** Validates the body (refusing it as ingest would) and evaluates each patient in it. */
  public List<Evaluation> evaluate(byte[] body, String contentType, LocalDate asOf) {
    return evaluate(List.of(reader.read(body, contentType)), asOf);
  }

  /**
   * Evaluates the patients found in these resources (Bundles are opened), in order of appearance.
   */
  public List<Evaluation> evaluate(List<Resource> resources, LocalDate asOf) {
    List<Evaluation> evaluations = new ArrayList<>();
    byPatient(resources)
        .forEach((patient, record) -> evaluations.add(evaluator.evaluate(patient, record, asOf)));
    return evaluations;
  }

  /** Explains, per patient in these resources, why each gets what they get. */
  public List<Explanation> explain(List<Resource> resources, LocalDate asOf) {
    List<Explanation> explanations = new ArrayList<>();
    byPatient(resources)
        .forEach((patient, record) -> explanations.add(evaluator.explain(patient, record, asOf)));
    return explanations;
  }

  /**
   * The upserted resources grouped by patient, in order of first appearance; a resource seen twice
   * (same type and id) counts once, the later copy winning. Medications and Devices belong to no
   * patient but are what orders refer to: they join every patient's record from the same input.
   */
  public Map<String, List<Resource>> byPatient(List<Resource> resources) {
    Map<String, Map<String, Resource>> grouped = new LinkedHashMap<>();
    Map<String, Resource> referable = new LinkedHashMap<>();
    for (Resource resource : resources) {
      for (ResourceChange change : content.changes(resource)) {
        if (change.action() != ResourceChange.Action.UPSERT) {
          continue;
        }
        if (change.patientId() != null) {
          grouped
              .computeIfAbsent(change.patientId(), p -> new LinkedHashMap<>())
              .put(change.reference(), change.resource());
        } else if (change.resource() instanceof Medication || change.resource() instanceof Device) {
          referable.put(change.reference(), change.resource());
        }
      }
    }
    Map<String, List<Resource>> result = new LinkedHashMap<>();
    grouped.forEach(
        (patient, record) -> {
          List<Resource> all = new ArrayList<>(record.values());
          all.addAll(referable.values());
          result.put(patient, List.copyOf(all));
        });
    return result;
  }

  public FhirReader reader() {
    return reader;
  }
}
