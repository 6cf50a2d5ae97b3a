package org.cocare.fhir.server;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Questionnaire;

/**
 * {@code GET /fhir/Questionnaire/cocare-participation} and {@code GET /fhir/Questionnaire?url=…}:
 * the questionnaires Cocare publishes, read-only, so a form filler or an EHR can resolve the
 * canonical a response names.
 */
public final class Questionnaires implements IResourceProvider {
  private final ParticipationQuestionnaire participation;

  Questionnaires(ParticipationQuestionnaire participation) {
    this.participation = participation;
  }

  @Override
  public Class<Questionnaire> getResourceType() {
    return Questionnaire.class;
  }

  @Read
  public Questionnaire read(@IdParam IdType id) {
    if (!ParticipationQuestionnaire.ID.equals(id.getIdPart())) {
      throw new ResourceNotFoundException(id);
    }
    return participation.questionnaire();
  }

  /** All of them, or those whose url is the one asked for ({@code url|version} must match both). */
  @Search
  public List<Questionnaire> search(@OptionalParam(name = Questionnaire.SP_URL) UriParam url) {
    Questionnaire questionnaire = participation.questionnaire();
    if (url == null
        || url.getValue().equals(questionnaire.getUrl())
        || url.getValue().equals(participation.canonical())) {
      return List.of(questionnaire);
    }
    return List.of();
  }
}
