package org.cocare.routes.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cocare.routes.security.SecurityConfiguration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Signs a browser in as a patient, for the portal pages: the session's principal is the patient id
 * with the role {@code PATIENT} and nothing else, so it opens no page for staff. The session id is
 * changed (a link someone planted cannot fix the session), and the session's language becomes the
 * one chosen with {@code ?lang=}, else the patient's preferred one from their record.
 */
final class PatientSessions {
  static final String ROLE = "ROLE_" + SecurityConfiguration.PATIENT;

  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final PortalLanguage languages;
  private final LocaleResolver locales;

  PatientSessions(PortalLanguage languages, LocaleResolver locales) {
    this.languages = languages;
    this.locales = locales;
  }

  static Authentication patient(String patientId) {
    return UsernamePasswordAuthenticationToken.authenticated(
        patientId, null, List.of(new SimpleGrantedAuthority(ROLE)));
  }

  void signIn(HttpServletRequest request, HttpServletResponse response, String patientId) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(patient(patientId));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    useLanguageOf(request, response, patientId);
  }

  /**
   * Speaks the patient's language from now on in this browser ({@code ?lang=} first, else their
   * preferred language), without signing anybody in.
   */
  void useLanguageOf(HttpServletRequest request, HttpServletResponse response, String patientId) {
    Optional<Locale> language =
        PortalLanguage.offered(request.getParameter("lang"))
            .or(() -> languages.preferred(patientId));
    language.ifPresent(l -> locales.setLocale(request, response, l));
  }
}
