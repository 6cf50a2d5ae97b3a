package org.cocare.routes.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the page puts in its JSON for the charts. */
class ValuePageTest {

  @Test
  void dataHoldingScriptEnd_cannotCloseThePagesScriptElement() {
    JsonMapper json = JsonMapper.builder().build();
    Map<String, List<String>> view = Map.of("groups", List.of("</script><b>&"));

    String script = ValuePage.script(json, view);

    assertThat(script).doesNotContain("<", ">", "&");
    assertThat(json.readValue(script, Map.class)).isEqualTo(view);
  }

  @Test
  void nan_becomesNull_forJsonParse() {
    assertThat(DashboardView.finite(Double.NaN)).isNull();
    assertThat(DashboardView.finite(Double.POSITIVE_INFINITY)).isNull();
    assertThat(DashboardView.finite(0.8)).isEqualTo(0.8);
  }
}
