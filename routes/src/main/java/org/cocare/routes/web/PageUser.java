package org.cocare.routes.web;

import org.cocare.routes.security.SecurityConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the signed-in user may do, for every page to show only the buttons that will work. The
 * security chain and the registry decide; this only spares a clinician a button that says no.
 */
@ControllerAdvice(annotations = Controller.class)
public class PageUser {

  /** The user's name and what their roles allow. */
  public record Can(
      String user, boolean edit, boolean approve, boolean activate, boolean patients) {
    static final Can NOBODY = new Can(null, false, false, false, false);
  }

  @ModelAttribute("can")
  public Can can(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return Can.NOBODY;
    }
    boolean clinician = has(authentication, SecurityConfiguration.CLINICIAN);
    boolean approver = has(authentication, SecurityConfiguration.APPROVER);
    boolean admin = has(authentication, SecurityConfiguration.ADMIN);
    return new Can(
        authentication.getName(), clinician, approver, approver || admin, clinician || admin);
  }

  private static boolean has(Authentication authentication, String role) {
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .anyMatch(("ROLE_" + role)::equals);
  }
}
