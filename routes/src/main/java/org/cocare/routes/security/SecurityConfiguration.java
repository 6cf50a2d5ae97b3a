package org.cocare.routes.security;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Every endpoint but health needs an authenticated user with the right role. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  static final String INTEGRATION = "integration";
  static final String CLINICIAN = "clinician";
  static final String APPROVER = "approver";
  static final String ADMIN = "admin";

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(withDefaults())
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
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
                    .requestMatchers("/api/patients/**")
                    .hasAnyRole(CLINICIAN, ADMIN)
                    .requestMatchers("/api/messages/**", "/api/dead-letters/**")
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
