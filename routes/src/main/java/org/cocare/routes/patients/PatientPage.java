package org.cocare.routes.patients;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.cocare.engine.recommendation.RecommendationStore;
import org.cocare.rules.recommendation.IssuedRecommendation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** {@code /ui/patients/{id}}: every recommendation issued to the patient, newest first. */
@Controller
public class PatientPage {
  private final RecommendationStore recommendations;

  public PatientPage(RecommendationStore recommendations) {
    this.recommendations = recommendations;
  }

  @GetMapping("/ui/patients")
  public String find(@RequestParam String id) {
    return "redirect:/ui/patients/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
  }

  @GetMapping("/ui/patients/{id}")
  public String patient(@PathVariable String id, Model model) {
    model.addAttribute("patient", id);
    model.addAttribute(
        "recommendations",
        recommendations.forPatient(id).stream()
            .sorted(Comparator.comparing(IssuedRecommendation::issuedAt).reversed())
            .toList());
    return "patients/patient";
  }
}
