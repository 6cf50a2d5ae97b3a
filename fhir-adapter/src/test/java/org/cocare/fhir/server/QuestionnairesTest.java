package org.cocare.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.cocare.fhir.value.ParticipationQuestionnaire;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;

/** The plain server as the servlet container runs it, driven by servlet mocks. */
class QuestionnairesTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static CocareFhirServer server;

  @BeforeAll
  static void start() throws ServletException {
    server =
        new CocareFhirServer(
            FHIR,
            messageId -> {
              throw new AssertionError("a read must not ingest");
            },
            new RecommendationSource() {
              @Override
              public List<org.cocare.rules.recommendation.IssuedRecommendation> forPatient(
                  String patientId) {
                return List.of();
              }

              @Override
              public Optional<org.cocare.rules.recommendation.IssuedRecommendation> find(
                  String id) {
                return Optional.empty();
              }
            },
            new SentMessageSource() {
              @Override
              public List<SentMessage> sentTo(String patientId) {
                return List.of();
              }

              @Override
              public Optional<SentMessage> find(String id) {
                return Optional.empty();
              }
            });
    server.init(new MockServletConfig("fhir"));
  }

  @AfterAll
  static void stop() {
    server.destroy();
  }

  @Test
  void getParticipationQuestionnaire_returnsIt() throws Exception {
    MockHttpServletResponse response = get("/Questionnaire/cocare-participation", null);

    assertThat(response.getStatus()).isEqualTo(200);
    Questionnaire q =
        FHIR.newJsonParser().parseResource(Questionnaire.class, response.getContentAsString());
    assertThat(q.getUrl()).isEqualTo(ParticipationQuestionnaire.URL);
    assertThat(q.getIdElement().getIdPart()).isEqualTo(ParticipationQuestionnaire.ID);
    assertThat(q.getItem()).hasSizeGreaterThan(3);
  }

  @Test
  void getAnotherQuestionnaire_isNotFound() throws Exception {
    assertThat(get("/Questionnaire/phq-9", null).getStatus()).isEqualTo(404);
  }

  @Test
  void searchByCanonical_findsItWithOrWithoutVersion_andNothingElse() throws Exception {
    String version = new ParticipationQuestionnaire(FHIR).questionnaire().getVersion();

    assertThat(found("url=" + ParticipationQuestionnaire.URL)).isEqualTo(1);
    assertThat(found("url=" + ParticipationQuestionnaire.URL + "%7C" + version)).isEqualTo(1);
    assertThat(found("url=" + ParticipationQuestionnaire.URL + "%7C0.0.1")).isZero();
    assertThat(found("url=https://cocare.org/fhir/Questionnaire/other")).isZero();
  }

  @Test
  void questionnaireIsReadOnly() throws Exception {
    MockHttpServletRequest request = request("POST", "/Questionnaire", null);
    request.setContentType("application/fhir+json");
    request.setContent(
        FHIR.newJsonParser()
            .encodeResourceToString(new ParticipationQuestionnaire(FHIR).questionnaire())
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    MockHttpServletResponse response = new MockHttpServletResponse();

    server.service(request, response);

    assertThat(response.getStatus()).isIn(400, 405);
  }

  private static int found(String query) throws Exception {
    MockHttpServletResponse response = get("/Questionnaire", query);
    assertThat(response.getStatus()).isEqualTo(200);
    return FHIR.newJsonParser()
        .parseResource(Bundle.class, response.getContentAsString())
        .getEntry()
        .size();
  }

  private static MockHttpServletResponse get(String path, String query)
      throws ServletException, IOException {
    MockHttpServletResponse response = new MockHttpServletResponse();
    server.service(request("GET", path, query), response);
    return response;
  }

  private static MockHttpServletRequest request(String method, String path, String query) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/fhir" + path);
    request.setServletPath("/fhir");
    request.setPathInfo(path);
    request.setQueryString(query);
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] parts = pair.split("=", 2);
        request.addParameter(
            parts[0],
            java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    request.addHeader("Accept", "application/fhir+json");
    return request;
  }
}
