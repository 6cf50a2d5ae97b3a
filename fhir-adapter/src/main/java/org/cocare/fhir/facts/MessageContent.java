package org.cocare.fhir.facts;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Resource;

/**
 * What an incoming message means for the store: the list of {@link ResourceChange}s in a single
 * resource or a Bundle (transaction, batch, collection, message; entries with request method DELETE
 * delete), and the message's business key for duplicate detection.
 */
public final class MessageContent {
  private final FhirContext context;
  private final PatientCompartment compartment;

  public MessageContent(FhirContext context) {
    this.context = context;
    this.compartment = new PatientCompartment(context);
  }

  public PatientCompartment compartment() {
    return compartment;
  }

  /**
   * The changes in order of appearance. MessageHeaders and nested Bundles are not record content.
   */
  public List<ResourceChange> changes(Resource resource) {
    List<ResourceChange> changes = new ArrayList<>();
    if (resource instanceof Bundle bundle) {
      for (BundleEntryComponent entry : bundle.getEntry()) {
        ResourceChange change = change(entry);
        if (change != null) {
          changes.add(change);
        }
      }
    } else if (!(resource instanceof MessageHeader)) {
      changes.add(upsert(resource, null));
    }
    return changes;
  }

  /**
   * The key that makes two different bodies the same message: the MessageHeader id of a message
   * Bundle, else the Bundle id; null for anything else.
   */
  public static String businessKey(Resource resource) {
    if (!(resource instanceof Bundle bundle)) {
      return null;
    }
    if (bundle.getType() == Bundle.BundleType.MESSAGE
        && !bundle.getEntry().isEmpty()
        && bundle.getEntryFirstRep().getResource() instanceof MessageHeader header
        && header.hasIdElement()) {
      return "MessageHeader/" + PatientCompartment.idPart(header.getIdElement().getIdPart());
    }
    return bundle.hasIdElement() && bundle.getIdElement().hasIdPart()
        ? "Bundle/" + bundle.getIdElement().getIdPart()
        : null;
  }

  private ResourceChange change(BundleEntryComponent entry) {
    if (entry.hasRequest() && entry.getRequest().getMethod() == HTTPVerb.DELETE) {
      String url = entry.getRequest().getUrl();
      if (url == null || url.contains("?")) {
        // A conditional delete names no single resource; there is nothing safe to remove.
        return null;
      }
      int history = url.indexOf("/_history");
      String[] parts = (history >= 0 ? url.substring(0, history) : url).split("/");
      if (parts.length < 2) {
        return null;
      }
      return new ResourceChange(
          ResourceChange.Action.DELETE,
          parts[parts.length - 2],
          parts[parts.length - 1],
          null,
          null);
    }
    Resource resource = entry.getResource();
    if (resource == null || resource instanceof MessageHeader || resource instanceof Bundle) {
      return null;
    }
    return upsert(resource, entry);
  }

  /**
   * The id in a request url that names one resource ({@code Condition/123}); null for a POST's
   * {@code Condition} or a conditional {@code Condition?identifier=x}, which name none.
   */
  private static String instanceId(String url) {
    if (url == null || url.contains("?") || url.indexOf('/') < 0) {
      return null;
    }
    return PatientCompartment.idPart(url);
  }

  private ResourceChange upsert(Resource resource, BundleEntryComponent entry) {
    String id = PatientCompartment.idPart(resource.getIdElement().getIdPart());
    if (id == null && entry != null) {
      id = PatientCompartment.idPart(entry.getFullUrl());
      if (id == null && entry.hasRequest()) {
        id = instanceId(entry.getRequest().getUrl());
      }
    }
    if (id == null) {
      id = PatientCompartment.contentId(context.newJsonParser().encodeResourceToString(resource));
    }
    resource.setId(resource.fhirType() + "/" + id);
    return new ResourceChange(
        ResourceChange.Action.UPSERT,
        resource.fhirType(),
        id,
        compartment.patientIdOf(resource),
        resource);
  }
}
