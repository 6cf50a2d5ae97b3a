package org.cocare.routes.rulesets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule-set API over real HTTP: draft, edit, validate, test the scenarios (a failing one blocks
 * approval), four-eyes approval, activation that the next evaluation follows, roll back, refusal of
 * broken and unsafe drafts with their lines, and an activation in the middle of a burst of messages
 * that loses none.
 */
class RuleSetApiIT extends RuleSetTestBase {

  @Test
  void list_showsTheDefaultsAsVersionOne_active() {
    JsonNode list = json(get("clinician", "/api/rulesets"));

    assertThat(list.findValuesAsString("name")).contains("cocare-default");
    assertThat(activeVersion()).isEqualTo(1);
    assertThat(get("clinician", BASE + "/versions/1/files/parameters.properties").body())
        .contains("uspstf.hcv.min-age=18");
  }

  @Test
  void changedThreshold_approvedBySomeoneElse_activated_isWhatTheNextPatientGets_untilRolledBack() {
    int draft = newDraft();
    editParameter(draft, "uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21");
    expectNoHcvReminderAtEighteen(draft);
    assertThat(
            json(post("clinician", path(draft, "validate"), TEXT, new byte[0]))
                .path("valid")
                .asBoolean())
        .isTrue();

    assertThat(post("clinician", path(draft, "approve"), TEXT, new byte[0]).statusCode())
        .isEqualTo(403);
    assertThat(post("approver", path(draft, "activate"), TEXT, new byte[0]).statusCode())
        .as("a draft is not activated before approval")
        .isEqualTo(409);
    HttpResponse<String> approved = post("approver", path(draft, "approve"), TEXT, new byte[0]);
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(json(approved).path("approvedBy").asString()).isEqualTo("approver");

    HttpResponse<String> activated = post("approver", path(draft, "activate"), TEXT, new byte[0]);
    assertThat(activated.statusCode()).isEqualTo(200);
    assertThat(json(activated).path("status").asString()).isEqualTo("active");
    assertThat(activeVersion()).isEqualTo(draft);

    sendPatient("young", bornYearsAgo(20));
    JsonNode recommendations = json(get("clinician", "/api/patients/young/recommendations"));
    assertThat(recommendations.findValuesAsString("code")).doesNotContain("screening-hcv");
    assertThat(recommendations.findValuesAsString("ruleSetVersion"))
        .containsOnly("cocare-default@" + draft);

    assertThat(post("approver", BASE + "/rollback?to=1", TEXT, new byte[0]).statusCode())
        .isEqualTo(200);
    sendPatient("young-again", bornYearsAgo(20));
    JsonNode after = json(get("clinician", "/api/patients/young-again/recommendations"));
    assertThat(after.findValuesAsString("code")).contains("screening-hcv");
    assertThat(after.findValuesAsString("ruleSetVersion")).containsOnly("cocare-default@1");

    JsonNode audit = json(get("clinician", BASE + "/audit"));
    assertThat(audit.findValuesAsString("action"))
        .containsSubsequence(
            "created", "edited", "validated", "approved", "activated", "rolled-back");
    assertThat(get("clinician", BASE + "/diff?from=1&to=" + draft).body())
        .contains("+uspstf.hcv.min-age=21");
  }

  @Test
  void colorectalStartAgeInTheDecisionTable_previewedApprovedActivated_reachesA42YearOld() {
    sendPatient("forty-two", bornYearsAgo(42));
    int draft = newDraft();
    String table = "tables/screening-age-bands.drl.csv";
    JsonNode before = json(get("clinician", path(draft, table)));
    assertThat(before.path("columns").findValuesAsString("label")).contains("Minimum age");

    HttpResponse<String> edited =
        put(
            "clinician",
            path(draft, table + "/rows/11/cells/Minimum%20age"),
            TEXT,
            "42".getBytes());
    assertThat(edited.statusCode()).isEqualTo(200);
    assertThat(
            json(get("clinician", path(draft, table))).path("rows").get(0).path("cells").toString())
        .contains("\"42\"");
    assertThat(
            json(post("clinician", path(draft, "validate"), TEXT, new byte[0]))
                .path("valid")
                .asBoolean())
        .isTrue();

    JsonNode preview =
        json(
            post(
                "clinician",
                path(draft, "preview?asOf=" + LocalDate.now(ZoneOffset.UTC)),
                TEXT,
                new byte[0]));
    assertThat(preview.path("changes").toString())
        .contains("screening-colorectal")
        .contains("forty-two");

    assertThat(post("approver", path(draft, "approve"), TEXT, new byte[0]).statusCode())
        .as("no shipped scenario is 42 to 44 years old")
        .isEqualTo(200);
    assertThat(post("approver", path(draft, "activate"), TEXT, new byte[0]).statusCode())
        .isEqualTo(200);
    sendPatient("forty-two-b", bornYearsAgo(42));
    assertThat(
            json(get("clinician", "/api/patients/forty-two-b/recommendations"))
                .findValuesAsString("code"))
        .contains("screening-colorectal");

    assertThat(post("approver", BASE + "/rollback?to=1", TEXT, new byte[0]).statusCode())
        .isEqualTo(200);
    sendPatient("forty-two-c", bornYearsAgo(42));
    assertThat(
            json(get("clinician", "/api/patients/forty-two-c/recommendations"))
                .findValuesAsString("code"))
        .doesNotContain("screening-colorectal");
  }

  @Test
  void test_theDefaultVersionPassesEveryScenarioItShips_andAnyoneWhoChecksMayRunIt() {
    HttpResponse<String> tested = post("clinician", path(1, "test"), TEXT, new byte[0]);

    assertThat(tested.statusCode()).isEqualTo(200);
    JsonNode report = json(tested);
    int shipped = RuleSet.loadDefault().scenarios().size();
    assertThat(report.path("label").asString()).isEqualTo("cocare-default@1");
    assertThat(report.path("passed").asInt()).isEqualTo(shipped).isGreaterThanOrEqualTo(90);
    assertThat(report.path("failed").asInt()).isZero();
    assertThat(report.path("results").size()).isEqualTo(shipped);
    assertThat(report.path("results").get(0).path("passed").asBoolean()).isTrue();
    assertThat(post("approver", path(1, "test"), TEXT, new byte[0]).statusCode()).isEqualTo(200);
    assertThat(post("admin", path(1, "test"), TEXT, new byte[0]).statusCode()).isEqualTo(200);
    assertThat(post("integration", path(1, "test"), TEXT, new byte[0]).statusCode()).isEqualTo(403);
    assertThat(json(get("clinician", BASE + "/audit")).findValuesAsString("action"))
        .contains("tested");
  }

  @Test
  void draftWithAWrongExpectation_reportsThatScenarioFailing_andCannotBeApproved() {
    int draft = newDraft();
    String scenario = "hcv-hiv-age-30-never-tested_both-due";
    editScenario(
        draft,
        "scenarios-uspstf.json",
        scenario,
        recommendations -> {
          for (JsonNode r : recommendations) {
            if (r.path("code").asString().equals("screening-hcv")) {
              ((ObjectNode) r).put("due", "2025-08-15");
            }
          }
        });

    JsonNode report = json(post("clinician", path(draft, "test"), TEXT, new byte[0]));

    assertThat(report.path("failed").asInt()).isEqualTo(1);
    JsonNode failing = null;
    for (JsonNode result : report.path("results")) {
      if (!result.path("passed").asBoolean()) {
        failing = result;
      }
    }
    assertThat(failing).isNotNull();
    assertThat(failing.path("name").asString()).isEqualTo(scenario);
    assertThat(failing.path("differences").get(0).asString())
        .isEqualTo(
            "recommendation screening-hcv produced with due 2025-07-15 instead of 2025-08-15");
    HttpResponse<String> approve = post("approver", path(draft, "approve"), TEXT, new byte[0]);
    assertThat(approve.statusCode()).isEqualTo(422);
    assertThat(approve.body()).contains("COCARE-4001").contains(scenario);
  }

  @Test
  void syntaxError_isReportedWithItsFileAndLine_andCannotBeApproved() {
    int draft = newDraft();
    String drl = "package org.cocare.rules.local\n\nrule \"broken\"\nwhen\n  eval( \nthen\nend\n";
    assertThat(
            put(
                    "clinician",
                    path(draft, "files/local.drl"),
                    TEXT,
                    drl.getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(200);

    JsonNode validation = json(post("clinician", path(draft, "validate"), TEXT, new byte[0]));

    assertThat(validation.path("valid").asBoolean()).isFalse();
    assertThat(validation.path("problems").get(0).asString()).startsWith("local.drl:");
    HttpResponse<String> approve = post("approver", path(draft, "approve"), TEXT, new byte[0]);
    assertThat(approve.statusCode()).isEqualTo(422);
    assertThat(approve.body())
        .contains("OperationOutcome")
        .contains("COCARE-4001")
        .contains("local.drl:");
  }

  @Test
  void systemExit_javaIoFile_andReflection_areRefusedAtValidation_namingTheLine() {
    int draft = newDraft();
    String[] unsafe = {
      "  System.exit(0);",
      "  new java.io.File(\"/tmp/x\").delete();",
      "  Class.forName(\"java.lang.Runtime\");"
    };
    for (String consequence : unsafe) {
      String drl =
          "package org.cocare.rules.local\n\nrule \"x\"\nwhen\nthen\n" + consequence + "\nend\n";
      put("clinician", path(draft, "files/local.drl"), TEXT, drl.getBytes(StandardCharsets.UTF_8));

      JsonNode validation = json(post("clinician", path(draft, "validate"), TEXT, new byte[0]));

      assertThat(validation.path("valid").asBoolean()).as(consequence).isFalse();
      assertThat(validation.path("problems").get(0).asString())
          .as(consequence)
          .startsWith("local.drl:6:");
      assertThat(post("approver", path(draft, "approve"), TEXT, new byte[0]).statusCode())
          .as(consequence)
          .isEqualTo(422);
    }
  }

  @Test
  void onlyCliniciansEdit_andIntegrationCannotRead() {
    assertThat(post("approver", BASE + "/versions", TEXT, new byte[0]).statusCode()).isEqualTo(403);
    assertThat(get("integration", "/api/rulesets").statusCode()).isEqualTo(403);
    assertThat(
            put(
                    "clinician",
                    BASE + "/versions/1/files/parameters.properties",
                    TEXT,
                    "x=1".getBytes())
                .statusCode())
        .as("version 1 is active, not a draft")
        .isEqualTo(409);
  }

  @Test
  void activationDuringABurstOfMessages_losesNone_andEachRecommendationNamesItsVersion()
      throws Exception {
    int draft = newDraft();
    editParameter(draft, "uspstf.hcv.min-age=18", "uspstf.hcv.min-age=21");
    expectNoHcvReminderAtEighteen(draft);
    assertThat(post("approver", path(draft, "approve"), TEXT, new byte[0]).statusCode())
        .isEqualTo(200);
    int patients = 40;
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < patients; i++) {
        String id = "burst-" + i;
        sent.add(senders.submit(() -> sendPatient(id, "1980-01-01")));
        if (i == patients / 2) {
          sent.add(
              senders.submit(
                  () -> post("approver", path(draft, "activate"), TEXT, new byte[0]).statusCode()));
        }
      }
      for (Future<Integer> status : sent) {
        assertThat(status.get()).isIn(200, 201);
      }
    } finally {
      senders.shutdown();
    }

    assertThat(count("messages")).isEqualTo(patients);
    assertThat(
            jdbc.sql("select count(*) from messages where status <> 'processed'")
                .query(Integer.class)
                .single())
        .isZero();
    List<String> versions =
        jdbc.sql("select distinct rule_set_version from recommendations")
            .query(String.class)
            .list();
    assertThat(versions).isNotEmpty().isSubsetOf("cocare-default@1", "cocare-default@" + draft);
    assertThat(
            jdbc.sql("select count(distinct patient_id) from recommendations")
                .query(Integer.class)
                .single())
        .isEqualTo(patients);
  }

  private int newDraft() {
    HttpResponse<String> created = post("clinician", BASE + "/versions", TEXT, new byte[0]);
    assertThat(created.statusCode()).isEqualTo(201);
    return json(created).path("version").asInt();
  }

  private void editParameter(int draft, String from, String to) {
    String parameters = get("clinician", path(draft, "files/parameters.properties")).body();
    assertThat(parameters).contains(from);
    assertThat(
            put(
                    "clinician",
                    path(draft, "files/parameters.properties"),
                    TEXT,
                    parameters.replace(from, to).getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(200);
  }

  /** What a clinician raising the HCV start age does too: updates the scenario it changes. */
  private void expectNoHcvReminderAtEighteen(int draft) {
    editScenario(
        draft,
        "scenarios-education.json",
        "hypertension-18-today_gets-adult-education",
        recommendations -> {
          for (var it = recommendations.iterator(); it.hasNext(); ) {
            if (it.next().path("code").asString().equals("screening-hcv")) {
              it.remove();
            }
          }
        });
  }

  /** Changes the expected recommendations of one scenario in a draft's scenario file. */
  private void editScenario(int draft, String file, String scenario, Consumer<ArrayNode> change) {
    JsonNode scenarios = json(get("clinician", path(draft, "files/" + file)));
    JsonNode found = null;
    for (JsonNode s : scenarios.path("scenarios")) {
      if (s.path("name").asString().equals(scenario)) {
        found = s;
      }
    }
    assertThat(found).as("scenario %s in %s", scenario, file).isNotNull();
    change.accept((ArrayNode) found.path("expected").path("recommendations"));
    assertThat(
            put(
                    "clinician",
                    path(draft, "files/" + file),
                    TEXT,
                    JSON.writeValueAsString(scenarios).getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(200);
  }

  private static String path(int version, String action) {
    return BASE + "/versions/" + version + "/" + action;
  }
}
