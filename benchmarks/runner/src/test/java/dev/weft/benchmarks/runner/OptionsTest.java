package dev.weft.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private static final String[] REQUIRED = {"--service-jar", "s.jar", "--weft-agent", "w.jar", "--otel-agent", "o.jar"};

  @Test
  void defaultsMakeTheFullRun() {
    Options options = Options.parse(REQUIRED);
    assertThat(options.rounds).isEqualTo(3);
    assertThat(options.launches).isEqualTo(7);
    assertThat(options.agents).containsExactly("none", "weft", "otel");
    assertThat(options.quick).isFalse();
    assertThat(options.jfr).isFalse();
  }

  @Test
  void pacedLoadIsOffUnlessAsked() {
    assertThat(Options.parse(REQUIRED).paceMillis).isZero();
    assertThat(Options.parse(args("--pace-ms", "8", "--connections", "32")).paceMillis).isEqualTo(8);
    assertThatThrownBy(() -> Options.parse(args("--pace-ms", "-1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagsTakeNoValue() {
    Options options = Options.parse(args("--jfr", "--rounds", "2"));
    assertThat(options.jfr).isTrue();
    assertThat(options.rounds).isEqualTo(2);
  }

  @Test
  void quickModeIsShortButExplicitOptionsStillWin() {
    Options options = Options.parse(args("--duration", "12", "--quick"));
    assertThat(options.quick).isTrue();
    assertThat(options.rounds).isEqualTo(1);
    assertThat(options.launches).isEqualTo(2);
    assertThat(options.durationSeconds).isEqualTo(12);
  }

  @Test
  void agentsEnvAndDatabase() {
    Options options = Options.parse(args("--agents", "weft,none", "--agent-env", "OTEL_BSP_MAX_QUEUE_SIZE=8192",
        "--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "--jdbc-user", "postgres"));
    assertThat(options.agents).containsExactly("weft", "none");
    assertThat(options.agentEnv).containsEntry("OTEL_BSP_MAX_QUEUE_SIZE", "8192");
    assertThat(options.jdbcUser).isEqualTo("postgres");
  }

  @Test
  void badOptionsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> Options.parse(args("--rounds", "0"))).hasMessageContaining("--rounds");
    assertThatThrownBy(() -> Options.parse(args("--duration", "ten"))).hasMessageContaining("--duration");
    assertThatThrownBy(() -> Options.parse(args("--agents", "elastic"))).hasMessageContaining("elastic");
    assertThatThrownBy(() -> Options.parse(args("--frobnicate", "1"))).hasMessageContaining("--frobnicate");
    assertThatThrownBy(() -> Options.parse(args("--agent-env", "novalue"))).hasMessageContaining("NAME=VALUE");
    assertThatThrownBy(() -> Options.parse(new String[] {"--service-jar", "s.jar"}))
        .hasMessageContaining("--weft-agent");
  }

  private static String[] args(String... more) {
    return java.util.stream.Stream.concat(List.of(REQUIRED).stream(), List.of(more).stream()).toArray(String[]::new);
  }
}
