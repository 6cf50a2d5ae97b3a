package org.cocare.routes.portal;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cocare.fhir.intake.ErrorCode;
import org.cocare.fhir.intake.Outcomes;
import org.cocare.routes.security.SecurityConfiguration;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The portal's own security, two chains ahead of the staff ones: a patient is whoever holds a
 * genuine, unexpired patient token ({@link PortalLinks}), and nothing else signs anyone in here — a
 * staff password does not, and a patient token opens nothing outside the portal (the staff chains
 * never read it).
 *
 * <ul>
 *   <li>{@code /api/portal/**}: {@code Authorization: Bearer <token>} on every request, stateless,
 *       no CSRF (no cookie authenticates). No or a bad token: 401 with an OperationOutcome.
 *   <li>{@code /portal/**}: {@code /portal?token=T} signs the browser in (a session, principal the
 *       patient id, role {@code patient}) and drops the token from the address; forms carry CSRF
 *       tokens. The tracking and unsubscribe links are open but check their own signatures. No or
 *       an expired session: a plain 401 page asking the patient to use their latest message.
 * </ul>
 *
 * Which patient's items a request may touch is checked again by the controllers (the path's patient
 * must be the token's) and by the engine (the recommendation must be theirs).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

  @Bean
  @Order(-2)
  SecurityFilterChain portalApiChain(HttpSecurity http, PortalLinks links, FhirContext fhir)
      throws Exception {
    http.securityMatcher("/api/portal/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .addFilterBefore(new BearerToken(links), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, failure) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          outcome(
                              fhir,
                              response,
                              401,
                              ErrorCode.PATIENT_TOKEN,
                              IssueType.LOGIN,
                              "A valid patient token is required: Authorization: Bearer <token>"
                                  + " from the patient's latest message.");
                        })
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            outcome(
                                fhir,
                                response,
                                403,
                                ErrorCode.PATIENT_FORBIDDEN,
                                IssueType.FORBIDDEN,
                                "Only the patient may use the portal API.")))
        .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(SecurityConfiguration.PATIENT));
    return http.build();
  }

  @Bean
  @Order(-1)
  SecurityFilterChain portalPagesChain(
      HttpSecurity http, PortalLinks links, PatientSessions sessions, PlainPages pages)
      throws Exception {
    http.securityMatcher("/portal", "/portal/**")
        .requestCache(cache -> cache.disable())
        // A signed unsubscribe link is its own authority, and mail clients post to it without
        // cookies or tokens (RFC 8058 one-click unsubscribe).
        .csrf(csrf -> csrf.ignoringRequestMatchers("/portal/unsubscribe/*"))
        .addFilterBefore(
            new TokenSignIn(links, sessions, pages), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, failure) ->
                            pages.write(request, response, 401, "signedOut"))
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            pages.write(request, response, 403, "forbidden")))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/portal/open/*", "/portal/unsubscribe/*", "/portal/assets/**")
                    .permitAll()
                    .anyRequest()
                    .hasRole(SecurityConfiguration.PATIENT));
    return http.build();
  }

  private static void outcome(
      FhirContext fhir,
      HttpServletResponse response,
      int status,
      ErrorCode code,
      IssueType type,
      String message)
      throws IOException {
    byte[] body =
        fhir.newJsonParser()
            .encodeResourceToString(Outcomes.error(code, type, message, null))
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType("application/fhir+json;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** Authenticates an API request by its bearer token; any other Authorization is ignored. */
  static final class BearerToken extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";
    private final PortalLinks links;

    BearerToken(PortalLinks links) {
      this.links = links;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        Optional<String> patient = links.patientOf(header.substring(BEARER.length()).strip());
        if (patient.isPresent()) {
          SecurityContext context = SecurityContextHolder.createEmptyContext();
          context.setAuthentication(PatientSessions.patient(patient.get()));
          SecurityContextHolder.setContext(context);
        }
      }
      chain.doFilter(request, response);
    }
  }

  /**
   * {@code ?token=} on a portal page: a genuine token signs the browser in and the page is loaded
   * again without it (so it stays out of the history and of links the patient shares); a forged or
   * expired one signs the browser out and is answered with the plain 401 page.
   */
  static final class TokenSignIn extends OncePerRequestFilter {
    private final PortalLinks links;
    private final PatientSessions sessions;
    private final PlainPages pages;

    TokenSignIn(PortalLinks links, PatientSessions sessions, PlainPages pages) {
      this.links = links;
      this.sessions = sessions;
      this.pages = pages;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String token = request.getParameter("token");
      if (token == null || !"GET".equals(request.getMethod())) {
        chain.doFilter(request, response);
        return;
      }
      Optional<String> patient = links.patientOf(token);
      if (patient.isEmpty()) {
        SecurityContextHolder.clearContext();
        if (request.getSession(false) != null) {
          request.getSession(false).invalidate();
        }
        pages.write(request, response, 401, "signedOut");
        return;
      }
      sessions.signIn(request, response, patient.get());
      UriComponentsBuilder target = UriComponentsBuilder.fromPath(request.getRequestURI());
      String lang = request.getParameter("lang");
      if (lang != null && PortalLanguage.offered(lang).isPresent()) {
        target.queryParam("lang", PortalLanguage.offered(lang).get().toLanguageTag());
      }
      response.sendRedirect(target.build().encode().toUriString());
    }
  }
}
