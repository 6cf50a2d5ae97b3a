package org.cocare.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrlProblemsTest {

  @Test
  void mismatchedInput_saysWhatToCheck_withoutDroolsPosition() {
    assertThat(
            DrlProblems.plain(
                "[ERR 102] Line 30:0 mismatched input 'then' in rule \"classify-post-discharge\""))
        .isEqualTo(
            "unexpected \"then\" (rule \"classify-post-discharge\"): check this line and the one"
                + " before for a missing or extra bracket, comma, quote or keyword");
  }

  @Test
  void unknownFactType_namesIt() {
    assertThat(DrlProblems.plain("Unable to resolve ObjectType 'PatientFakt'"))
        .isEqualTo(
            "\"PatientFakt\" is not a fact type the rules know: check its spelling and the file's"
                + " imports");
  }

  @Test
  void fileThatDoesNotParse_hidesTheEchoesInOtherFiles_andCountsThem() {
    DrlProblems problems = new DrlProblems();
    problems.add("followup.drl", 30, 0, "[ERR 102] Line 30:0 mismatched input 'then'");
    problems.add("followup.drl", 0, 0, "Parser returned a null Package");
    problems.add("cms2.drl", 186, 0, "Unable to resolve ObjectType 'Cms2Kind'");
    problems.add("cms2.drl", 188, 0, "Unable to resolve ObjectType 'Cms2Encounter'");

    assertThat(problems.messages())
        .containsExactly(
            "followup.drl:30:0 unexpected \"then\": check this line and the one before for a"
                + " missing or extra bracket, comma, quote or keyword",
            "and 2 follow-on errors, which Drools reports while a file of the package cannot be"
                + " read: fix the lines above first");
  }

  @Test
  void withoutParseErrors_everyProblemIsKept() {
    DrlProblems problems = new DrlProblems();
    problems.add("a.drl", 3, 4, "Unable to resolve ObjectType 'Foo'");
    problems.add("b.drl", 7, 1, "Rule Compilation error x cannot be resolved");

    assertThat(problems.messages()).hasSize(2);
    assertThat(problems.messages().get(1))
        .isEqualTo("b.drl:7:1 Rule Compilation error x cannot be resolved");
  }
}
