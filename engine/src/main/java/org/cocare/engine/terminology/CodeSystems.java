package org.cocare.engine.terminology;

import java.util.Locale;
import java.util.Map;

/**
 * One spelling per code system. Value sets and data name some systems by more than one URI (two
 * HCPCS URIs, ICD-10 for ICD-10-CM, http or https, a trailing slash); membership must not depend on
 * which one a sender used. Source: {@code ../shared/clinical/MEASURES.md} §12. Codes themselves are
 * compared exactly, case included.
 */
public final class CodeSystems {
  static final String HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
  static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
  static final String SOPT = "https://nahdo.org/sopt";

  private static final Map<String, String> ALIASES =
      Map.of(
          "http://www.nlm.nih.gov/research/umls/hcpcs", HCPCS,
          "http://www.cms.gov/medicare/coding/hcpcsreleasecodesets", HCPCS,
          "http://hl7.org/fhir/sid/icd-10", ICD10CM,
          "urn:oid:2.16.840.1.113883.3.221.5", SOPT,
          "http://nahdo.org/sopt", SOPT);

  private CodeSystems() {}

  /** The canonical URI for {@code system}; unknown systems only lose a trailing slash and https. */
  public static String canonical(String system) {
    if (system == null) {
      return "";
    }
    String uri = system.strip();
    while (uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    String plain =
        uri.startsWith("https://") ? "http://" + uri.substring("https://".length()) : uri;
    String alias = ALIASES.get(plain.toLowerCase(Locale.ROOT));
    if (alias == null) {
      alias = ALIASES.get(plain);
    }
    return alias != null ? alias : plain;
  }
}
