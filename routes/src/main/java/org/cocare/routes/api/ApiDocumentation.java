package org.cocare.routes.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the JSON API, served at {@code /v3/api-docs} and browsable at {@code
 * /swagger-ui.html}. Every operation needs HTTP Basic, except the patient portal's, which need a
 * patient token; which role each needs is in its description and in the README.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {
  static final String BASIC = "basic";

  /** The patient portal's scheme: a patient token, never a staff password. */
  public static final String PATIENT_TOKEN = "patientToken";

  @Bean
  OpenAPI cocareApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Cocare API")
                .version("v1")
                .description(
                    "Rule sets (versioned, validated, tested, approved by a second person,"
                        + " activated without a restart, rolled back in one step, audited),"
                        + " patients' recommendations and their explanation, stored messages and"
                        + " dead letters; the patient portal's own items, answers and home readings"
                        + " (patient token). FHIR R4 intake is at /fhir (see /fhir/metadata).")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    PATIENT_TOKEN,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "The patient token from the patient's latest message (the portal"
                                + " link's token parameter)")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }
}
