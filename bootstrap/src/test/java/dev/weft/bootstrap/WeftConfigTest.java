package dev.weft.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeftConfigTest {

  @Test
  void envStylePropertyStyleAndDashesAreOneKey() {
    WeftConfig config = new WeftConfig(Map.of("OTEL_BSP_SCHEDULE_DELAY", "200"));
    assertThat(config.getString("otel.bsp.schedule.delay")).isEqualTo("200");
    assertThat(config.getString("otel.bsp.schedule-delay")).isEqualTo("200");
    assertThat(WeftConfig.envName("otel.instrumentation.http-url-connection.enabled"))
        .isEqualTo("OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED");
  }

  @Test
  void booleansAreStrictAndFallBackToTheDefault() {
    WeftConfig config = new WeftConfig(Map.of("a.yes", "TRUE", "a.no", "false", "a.bad", "yes"));
    assertThat(config.getBoolean("a.yes", false)).isTrue();
    assertThat(config.getBoolean("a.no", true)).isFalse();
    assertThat(config.getBoolean("a.bad", false)).isFalse();
    assertThat(config.getBoolean("a.missing", true)).isTrue();
  }

  @Test
  void listsAreTrimmedWithoutEmptyEntries() {
    WeftConfig config = new WeftConfig(Map.of("k", " a, ,b ,"));
    assertThat(config.getList("k")).isEqualTo(List.of("a", "b"));
    assertThat(config.getList("missing")).isEmpty();
  }

  @Test
  void instrumentationSwitchBeatsCommonDefaultWhichBeatsModuleDefault() {
    List<String> names = List.of("http-url-connection");
    assertThat(new WeftConfig(Map.of()).isInstrumentationEnabled(names, true)).isTrue();
    assertThat(new WeftConfig(Map.of()).isInstrumentationEnabled(names, false)).isFalse();
    assertThat(
            new WeftConfig(Map.of("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false"))
                .isInstrumentationEnabled(names, true))
        .isFalse();
    assertThat(
            new WeftConfig(
                    Map.of(
                        "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false",
                        "OTEL_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "true"))
                .isInstrumentationEnabled(names, true))
        .isTrue();
    assertThat(
            new WeftConfig(Map.of("otel.instrumentation.http-url-connection.enabled", "false"))
                .isInstrumentationEnabled(names, true))
        .isFalse();
  }
}
