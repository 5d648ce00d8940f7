package dev.weft.instrumentation.servlet.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JakartaServletInstrumentationModuleTest {
  private final JakartaServletInstrumentationModule module = new JakartaServletInstrumentationModule();

  /** The module names its helpers by string (a class literal would load them); the names must be right. */
  @Test
  void helperNamesAreClassesOfThisModule() throws Exception {
    List<String> helpers = module.helperClassNames();
    assertThat(helpers).hasSize(3);
    for (String name : helpers) {
      assertThat(Class.forName(name, false, getClass().getClassLoader()).getPackage().getName())
          .isEqualTo("dev.weft.instrumentation.servlet.jakarta");
    }
  }

  @Test
  void switchIsServletAndGateIsTheApi() {
    assertThat(module.name()).isEqualTo("servlet");
    assertThat(module.requiredClassNames()).allMatch(name -> name.startsWith("jakarta.servlet."));
    assertThat(module.typeInstrumentations()).hasSize(3); // servlet and filter entries, Tomcat's engine, AsyncContext.start
  }
}
