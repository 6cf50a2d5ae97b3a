package org.cocare.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The HAPI plain server: ingest of bundles, messages and resources; recommendations and the
 * messages sent to patients to read.
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
    providers.add(new SystemProvider(gateway));
    registerProviders(providers);
  }
}
