package org.cocare.routes.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cocare.fhir.facts.MessageContent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Patients, one at a time, out of inputs in which each patient's resources come together: the
 * record of a patient is complete when a resource of another patient arrives (or the input ends),
 * so only one patient is held at a time, whatever the size of the population.
 *
 * <p>An input arrives in <em>pieces</em> (a Bundle file, a one-resource file, an NDJSON line, which
 * may hold a Bundle). Within a piece, resources are grouped by patient as {@link
 * org.cocare.engine.evaluation.DryRun#byPatient} does: a resource seen twice (same type and id)
 * counts once, the later copy winning, and the piece's Medications and Devices (what orders refer
 * to, belonging to no patient) join each of its patients. A Medication or Device on its own joins
 * the patient being read, or the next one when none is (at the start of an input or of a folder,
 * see {@link #boundary}).
 *
 * <p>A patient whose resources turn up after the patient was evaluated cannot be answered right in
 * one pass: the later resources are not evaluated and the patient is reported by id to the sink.
 * Evaluated patients are remembered as 64-bit hashes of their ids (8 bytes each, not their
 * records); two different ids sharing a hash, about one chance in 10^10 for a million patients,
 * would report a patient that did not reappear.
 */
final class PatientStream {

  /** What is done with each patient's complete record, and with a patient who reappears. */
  interface Sink {
    void patient(String patientId, List<Resource> record);

    void reappeared(String patientId);
  }

  private final MessageContent content;
  private final Sink sink;
  private final IdHashSet evaluated = new IdHashSet();
  private String current;
  private boolean currentRefused;
  private Map<String, Resource> record = new LinkedHashMap<>();
  private Map<String, Resource> referable = new LinkedHashMap<>();
  private Map<String, Resource> pending = new LinkedHashMap<>();
  private boolean referableToNext = true;

  PatientStream(MessageContent content, Sink sink) {
    this.content = content;
    this.sink = sink;
  }

  /**
   * A new input or folder begins: a Medication or Device on its own goes to the next patient rather
   * than the one being read. The patient being read stays open, so a patient may span inputs.
   */
  void boundary() {
    referableToNext = true;
  }

  /** One piece of input: a Bundle (opened) or a single resource. */
  void accept(Resource piece) {
    PieceGroups groups = PieceGroups.of(content, piece);
    if (groups.byPatient().isEmpty()) {
      (referableToNext || current == null ? pending : referable).putAll(groups.referable());
      return;
    }
    for (Map.Entry<String, Map<String, Resource>> patient : groups.byPatient().entrySet()) {
      open(patient.getKey());
      if (currentRefused) {
        continue;
      }
      record.putAll(patient.getValue());
      referable.putAll(groups.referable());
    }
  }

  /** The end of the stream: the last patient is complete. */
  void finish() {
    close();
    current = null;
    pending.clear();
    referableToNext = true;
  }

  private void open(String patientId) {
    if (patientId.equals(current)) {
      movePending();
      return;
    }
    close();
    current = patientId;
    currentRefused = !evaluated.add(patientId);
    if (currentRefused) {
      pending.clear();
      sink.reappeared(patientId);
    } else {
      movePending();
    }
  }

  private void movePending() {
    referableToNext = false;
    if (!pending.isEmpty() && !currentRefused) {
      referable.putAll(pending);
      pending.clear();
    }
  }

  private void close() {
    if (current != null && !currentRefused) {
      List<Resource> all = new ArrayList<>(record.size() + referable.size());
      all.addAll(record.values());
      all.addAll(referable.values());
      sink.patient(current, List.copyOf(all));
    }
    current = null;
    currentRefused = false;
    record = new LinkedHashMap<>();
    referable = new LinkedHashMap<>();
  }
}
