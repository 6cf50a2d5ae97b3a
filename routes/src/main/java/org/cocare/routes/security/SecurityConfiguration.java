package org.cocare.routes.security;

import static org.springframework.security.config.Customizer.withDefaults;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every endpoint but health and the API description needs an authenticated user with the right
 * role. Two chains here: the web pages for people (a login form, a session, CSRF tokens on every
 * form) and everything else for machines (HTTP Basic, stateless, no CSRF because no cookie
 * authenticates a request there). The patient portal ({@code /portal/**}, {@code /api/portal/**})
 * has chains of its own, ahead of these, that take a patient token and nothing else: see {@code
 * portal.PortalSecurity}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  public static final String INTEGRATION = "integration";
  public static final String CLINICIAN = "clinician";
  public static final String APPROVER = "approver";
  public static final String ADMIN = "admin";

  /**
   * A patient signed in with their token ({@code portal.PortalSecurity}): their own portal only.
   * Never given to a configured user.
   */
  public static final String PATIENT = "patient";

  /** The pages, their login form and their assets. */
  @Bean
  @Order(1)
  SecurityFilterChain pages(HttpSecurity http) throws Exception {
    http.securityMatcher("/ui", "/ui/**", "/login", "/logout")
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/ui/rulesets").permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
        .authorizeHttpRequests(
            auth ->
                // The form's own permit covers /login without a query only; ?lang=zh-CN is one.
                auth.requestMatchers("/ui/assets/**", "/login")
                    .permitAll()
                    // Who may press which button is checked again by the same rules as the API:
                    // the pages call the registry, which enforces four eyes, and these matchers
                    // mirror the API's.
                    .requestMatchers(HttpMethod.POST, "/ui/rulesets/*/versions/*/approve")
                    .hasRole(APPROVER)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/ui/rulesets/*/versions/*/activate",
                        "/ui/rulesets/*/rollback")
                    .hasAnyRole(APPROVER, ADMIN)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/ui/rulesets/*/versions/*/validate",
                        "/ui/rulesets/*/versions/*/test",
                        "/ui/rulesets/*/versions/*/preview")
                    .hasAnyRole(CLINICIAN, APPROVER, ADMIN)
                    .requestMatchers(HttpMethod.POST, "/ui/rulesets/**")
                    .hasRole(CLINICIAN)
                    .requestMatchers("/ui/patients/**")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    .anyRequest()
                    .hasAnyRole(CLINICIAN, APPROVER, ADMIN));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(withDefaults())
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        // Where a failed request is forwarded to be answered: it shows the status.
                        "/error")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/fhir/metadata")
                    .authenticated()
                    .requestMatchers(HttpMethod.POST, "/fhir", "/fhir/**")
                    .hasAnyRole(INTEGRATION, ADMIN)
                    .requestMatchers(HttpMethod.PUT, "/fhir/**")
                    .hasAnyRole(INTEGRATION, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/fhir/**")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    .requestMatchers("/api/evaluate")
                    .hasAnyRole(CLINICIAN, INTEGRATION, ADMIN)
                    .requestMatchers("/api/patients/**", "/api/outcomes", "/api/outcomes/**")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    // Value figures are for quality teams too (approvers), and are only read; the
                    // dataset has a row per patient, so it is for those who may see patients.
                    .requestMatchers("/api/value/dataset")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/value/**")
                    .hasAnyRole(CLINICIAN, APPROVER, ADMIN)
                    .requestMatchers(
                        "/api/messages/**", "/api/dead-letters/**", "/api/notifications/**")
                    .hasAnyRole(INTEGRATION, ADMIN)
                    // Rule sets: clinicians edit, approvers approve, approvers or admins activate
                    // and roll back (the registry enforces four eyes); all three may read and
                    // check.
                    .requestMatchers(HttpMethod.POST, "/api/rulesets/*/versions/*/approve")
                    .hasRole(APPROVER)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/rulesets/*/versions/*/activate",
                        "/api/rulesets/*/rollback")
                    .hasAnyRole(APPROVER, ADMIN)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/rulesets/*/versions/*/validate",
                        "/api/rulesets/*/versions/*/test",
                        "/api/rulesets/*/versions/*/preview")
                    .hasAnyRole(CLINICIAN, APPROVER, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/rulesets", "/api/rulesets/**")
                    .hasAnyRole(CLINICIAN, APPROVER, ADMIN)
                    .requestMatchers("/api/rulesets", "/api/rulesets/**")
                    .hasRole(CLINICIAN)
                    .anyRequest()
                    .hasRole(ADMIN));
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * The configured accounts, checked with their encoded passwords (and upgraded from {@code {noop}}
   * to BCrypt on first use, as Spring Security does by default); a success is remembered for five
   * minutes so a sender's Basic credentials are not BCrypt-checked on every message.
   */
  @Bean
  AuthenticationProvider authenticationProvider(
      UserDetailsService users, PasswordEncoder passwordEncoder) {
    DaoAuthenticationProvider accounts = new DaoAuthenticationProvider(users);
    accounts.setPasswordEncoder(passwordEncoder);
    if (users instanceof UserDetailsPasswordService upgrades) {
      accounts.setUserDetailsPasswordService(upgrades);
    }
    return new RememberedCredentials(accounts, Duration.ofMinutes(5), Ticker.systemTicker());
  }

  @Bean
  UserDetailsService users(SecurityProperties properties) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    properties
        .users()
        .forEach(
            u ->
                users.createUser(
                    User.withUsername(u.name())
                        .password(u.password())
                        .roles(u.roles().toArray(String[]::new))
                        .build()));
    return users;
  }
}
