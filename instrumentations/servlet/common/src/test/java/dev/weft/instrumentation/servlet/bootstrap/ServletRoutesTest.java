package dev.weft.instrumentation.servlet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServletRoutesTest {

  @Test
  void servlet4MappingsCarryTheContextPath() {
    assertThat(ServletRoutes.fromMapping("/app", "EXACT", "/hello")).isEqualTo("/app/hello");
    assertThat(ServletRoutes.fromMapping("/app", "PATH", "/users/*")).isEqualTo("/app/users/*");
    assertThat(ServletRoutes.fromMapping("/app", "EXTENSION", "*.do")).isEqualTo("/app/*.do");
    assertThat(ServletRoutes.fromMapping("/app", "DEFAULT", "/")).isEqualTo("/app/*");
    assertThat(ServletRoutes.fromMapping("/app", "CONTEXT_ROOT", "")).isEqualTo("/app/");
    assertThat(ServletRoutes.fromMapping("", "PATH", "/*")).isEqualTo("/*");
    assertThat(ServletRoutes.fromMapping(null, "EXACT", "/x")).isEqualTo("/x");
  }

  @Test
  void servlet4UnknownOrEmptyMappingsGiveNoRoute() {
    assertThat(ServletRoutes.fromMapping("/app", null, "/x")).isNull();
    assertThat(ServletRoutes.fromMapping("/app", "SOMETHING_NEW", "/x")).isNull();
    assertThat(ServletRoutes.fromMapping("/app", "EXACT", null)).isNull();
    assertThat(ServletRoutes.fromMapping("/app", "PATH", "")).isNull();
  }

  @Test
  void servlet3RegistrationDecidesWhichMappingMatched() {
    List<String> mappings = Arrays.asList("/users/*", "*.do", "/hello", "/", "/users");
    assertThat(ServletRoutes.fromRegistration("/app", mappings, "/users", "/42")).isEqualTo("/app/users/*");
    // exact beats the path mapping with the same prefix
    assertThat(ServletRoutes.fromRegistration("/app", mappings, "/users", null)).isEqualTo("/app/users");
    assertThat(ServletRoutes.fromRegistration("/app", mappings, "/a/b.do", null)).isEqualTo("/app/*.do");
    assertThat(ServletRoutes.fromRegistration("/app", mappings, "/hello", null)).isEqualTo("/app/hello");
    assertThat(ServletRoutes.fromRegistration("/app", mappings, "/no/such/thing", null)).isEqualTo("/app/*");
  }

  @Test
  void servlet3PathMappingWithoutPathInfoAndRootMappings() {
    assertThat(ServletRoutes.fromRegistration("", Collections.singletonList("/api/*"), "/api", null))
        .isEqualTo("/api/*");
    assertThat(ServletRoutes.fromRegistration("/app", Collections.singletonList("/*"), "", "/x/y"))
        .isEqualTo("/app/*");
    assertThat(ServletRoutes.fromRegistration("/app", Collections.singletonList(""), "", "/")).isEqualTo("/app/");
  }

  @Test
  void servlet3WithoutKnownMappingsNeverUsesTheRawPath() {
    assertThat(ServletRoutes.fromRegistration("/app", null, "/users", "/42")).isEqualTo("/app/users/*");
    assertThat(ServletRoutes.fromRegistration("/app", Collections.<String>emptyList(), "/users/42", null))
        .isNull();
    // a mapping list that does not explain the split (a wrapper changed the paths)
    assertThat(ServletRoutes.fromRegistration("/app", Collections.singletonList("/other"), "/users/42", null))
        .isNull();
  }

  @Test
  void springPatternFollowsTheDispatcherServletMapping() {
    assertThat(ServletRoutes.springRoute("/app", "/orders/7", null, "/orders/{id}")).isEqualTo("/app/orders/{id}");
    assertThat(ServletRoutes.springRoute("/app", "/api", "/orders/7", "/orders/{id}"))
        .isEqualTo("/app/api/orders/{id}");
    assertThat(ServletRoutes.springRoute("", "", "/x", "x")).isEqualTo("/x");
    assertThat(ServletRoutes.springRoute("/app", "/x", null, "")).isNull();
    assertThat(ServletRoutes.springRoute("/app", "/x", null, null)).isNull();
  }

  @Test
  void protocolVersions() {
    assertThat(ServletHttpAttributes.protocolVersion("HTTP/1.1")).isEqualTo("1.1");
    assertThat(ServletHttpAttributes.protocolVersion("HTTP/1.0")).isEqualTo("1.0");
    assertThat(ServletHttpAttributes.protocolVersion("HTTP/2.0")).isEqualTo("2");
    assertThat(ServletHttpAttributes.protocolVersion("HTTP/")).isNull();
    assertThat(ServletHttpAttributes.protocolVersion("SPDY/3")).isNull();
    assertThat(ServletHttpAttributes.protocolVersion(null)).isNull();
  }
}
