package org.cocare.routes.value;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the ECharts webjar's {@code dist} folder as {@code /ui/assets/echarts/}: under the pages'
 * assets, which their security chain already lets a browser fetch, so no other path (such as all of
 * {@code /webjars/**}) needs opening. The version folder is read from the webjar's own Maven
 * properties, so a version bump in the POM needs no change here.
 */
@Configuration(proxyBeanMethods = false)
class ValueAssets implements WebMvcConfigurer {
  static final String PATH = "/ui/assets/echarts/";
  private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
  private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(PATH + "**")
        .addResourceLocations("classpath:/" + WEBJAR + version() + "/dist/");
  }

  static String version() {
    try (InputStream in = ValueAssets.class.getClassLoader().getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("the ECharts webjar is not on the classpath: no " + POM);
      }
      Properties pom = new Properties();
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
