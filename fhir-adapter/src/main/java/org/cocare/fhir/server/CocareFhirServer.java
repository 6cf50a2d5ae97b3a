package org.cocare.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;
import org.cocare.fhir.value.ParticipationQuestionnaire;

/**
 * The HAPI plain server: ingest of bundles, messages and resources; recommendations, the messages
 * sent to patients and the questionnaires Cocare publishes to read.
 */
public final class CocareFhirServer extends RestfulServer {
  private static final long serialVersionUID = 1L;

  public CocareFhirServer(
      FhirContext context,
      IngestGateway gateway,
      RecommendationSource recommendations,
      SentMessageSource sentMessages) {
    super(context);
    setServerName("Cocare");
    setImplementationDescription(
        "Cocare patient-engagement engine: FHIR R4 ingest, recommendations and messages sent");
    setDefaultResponseEncoding(EncodingEnum.JSON);
    List<Object> providers = new ArrayList<>();
    providers.addAll(IngestResourceProvider.forAllTypes(gateway));
    providers.addAll(RecommendationProviders.all(recommendations));
    providers.add(new Communications(sentMessages));
    providers.add(new Questionnaires(new ParticipationQuestionnaire(context)));
    providers.add(new SystemProvider(gateway));
    registerProviders(providers);
  }
}
