package org.cocare.routes.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form (Spring Security checks it) and the pages' front door. */
@Controller
public class LoginPage {

  @GetMapping("/login")
  public String login() {
    return "login";
  }

  @GetMapping({"/ui", "/ui/"})
  public String home() {
    return "redirect:/ui/rulesets";
  }
}
