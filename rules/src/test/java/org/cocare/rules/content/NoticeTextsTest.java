package org.cocare.rules.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cocare.rules.content.NoticeTexts.NoticeText;
import org.cocare.rules.recommendation.Kind;
import org.cocare.rules.ruleset.RuleSet;
import org.junit.jupiter.api.Test;

class NoticeTextsTest {
  private static final Pattern NOTIFIED_CODE =
      Pattern.compile("Recommendation\\.(?:careGap|screening|followUp)\\(\\s*\"([a-z0-9-]+)\"");
  private static final String GENERIC =
      """
      code,language,title,text
      kind:education,en,Read,Read this.
      kind:education,zh-CN,阅读,请阅读。
      kind:screening-reminder,en,Check due,A check is due.
      kind:screening-reminder,zh-CN,检查到期,一项检查到期。
      kind:follow-up-task,en,Follow-up,We will call.
      kind:follow-up-task,zh-CN,随访,我们会联系您。
      """;

  private final NoticeTexts shipped = NoticeTexts.shipped();

  @Test
  void everyReminderAndFollowUpOfTheDefaultRulesHasItsOwnTextsInBothLanguages() {
    Set<String> codes = new TreeSet<>();
    RuleSet.loadDefault()
        .drlFiles()
        .values()
        .forEach(
            text -> {
              Matcher m = NOTIFIED_CODE.matcher(text);
              while (m.find()) {
                codes.add(m.group(1));
              }
            });
    assertThat(codes).contains("screening-colorectal", "followup-bp-urgent").hasSizeGreaterThan(15);
    for (String code : codes) {
      NoticeText en = shipped.of(code, Kind.SCREENING_REMINDER, "en");
      NoticeText zh = shipped.of(code, Kind.SCREENING_REMINDER, "zh-CN");
      assertThat(en)
          .as(code)
          .isNotEqualTo(shipped.of("no-such-code", Kind.SCREENING_REMINDER, "en"));
      assertThat(zh.title()).as(code).isNotEqualTo(en.title());
    }
  }

  @Test
  void chineseTextsAreChinese() {
    assertThat(shipped.of("screening-colorectal", Kind.SCREENING_REMINDER, "zh-CN").title())
        .isEqualTo("该做肠癌筛查了");
  }

  @Test
  void anUnknownCodeGetsItsKindsGenericTextsNeverNothing() {
    NoticeTexts texts = NoticeTexts.parse(GENERIC);
    assertThat(texts.of("screening-new", Kind.SCREENING_REMINDER, "zh-CN").title())
        .isEqualTo("检查到期");
    assertThat(texts.of("followup-new", Kind.FOLLOW_UP_TASK, "en").text())
        .isEqualTo("We will call.");
  }

  @Test
  void aLanguageNotOfferedFallsBackToEnglish() {
    assertThat(NoticeTexts.parse(GENERIC).of("x", Kind.EDUCATION, "fr").title()).isEqualTo("Read");
  }

  @Test
  void aCodeWithoutItsChineseRowIsRefused() {
    assertThatThrownBy(() -> NoticeTexts.parse(GENERIC + "screening-x,en,Check,Check it.\n"))
        .hasMessageContaining("screening-x needs a row in each of");
  }

  @Test
  void missingGenericTextsForAKindAreRefused() {
    assertThatThrownBy(
            () ->
                NoticeTexts.parse(
                    GENERIC.replace("kind:follow-up-task,en,Follow-up,We will call.\n", "")))
        .hasMessageContaining("follow-up-task");
  }

  @Test
  void anUnofferedLanguageIsRefusedWithItsLine() {
    assertThatThrownBy(() -> NoticeTexts.parse(GENERIC + "screening-x,fr,Test,Texte.\n"))
        .hasMessageContaining("line 8: language must be one of");
  }
}
