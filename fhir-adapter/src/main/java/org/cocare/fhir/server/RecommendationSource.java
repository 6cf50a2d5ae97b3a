package org.cocare.fhir.server;

import java.util.List;
import java.util.Optional;
import org.cocare.rules.recommendation.IssuedRecommendation;

/** Where the FHIR read side finds issued recommendations. */
public interface RecommendationSource {
  List<IssuedRecommendation> forPatient(String patientId);

  Optional<IssuedRecommendation> find(String id);
}
