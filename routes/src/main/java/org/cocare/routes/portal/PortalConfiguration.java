package org.cocare.routes.portal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The portal's signed links. */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {
  @Bean
  PortalLinks portalLinks(PortalProperties properties, Clock clock) {
    return new PortalLinks(properties, clock);
  }
}
