package org.cocare.routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.cocare.routes.ApplicationIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiDocumentationIT extends ApplicationIT {

  @Test
  void openApi_describesEveryRuleSetOperation_withoutSigningIn() {
    HttpResponse<String> docs = get(null, "/v3/api-docs");

    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = json(docs).path("paths");
    String base = "/api/rulesets/{name}";
    assertThat(paths.has("/api/rulesets")).isTrue();
    assertThat(paths.path(base + "/versions").has("post")).as("create draft").isTrue();
    assertThat(paths.path(base + "/versions/{version}").has("get")).isTrue();
    assertThat(paths.path(base + "/versions/{version}/files/{file}").has("put")).isTrue();
    assertThat(
            paths
                .path(base + "/versions/{version}/tables/{file}/rows/{row}/cells/{column}")
                .has("put"))
        .isTrue();
    for (String action : new String[] {"validate", "test", "preview", "approve", "activate"}) {
      assertThat(paths.path(base + "/versions/{version}/" + action).has("post"))
          .as(action)
          .isTrue();
    }
    assertThat(
            paths.path(base + "/versions/{version}/test").path("post").path("summary").asString())
        .contains("scenarios");
    assertThat(paths.path(base + "/rollback").has("post")).isTrue();
    assertThat(paths.path(base + "/audit").has("get")).isTrue();
    assertThat(paths.path(base + "/versions/{version}/export").has("get")).isTrue();
    assertThat(paths.path("/api/rulesets/import").has("post")).isTrue();
    assertThat(paths.propertyNames()).noneMatch(p -> p.startsWith("/ui"));
    assertThat(json(docs).path("components").path("securitySchemes").has("basic")).isTrue();
  }

  @Test
  void swaggerUi_isServed() {
    HttpResponse<String> page = get(null, "/swagger-ui/index.html");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui");
  }
}
