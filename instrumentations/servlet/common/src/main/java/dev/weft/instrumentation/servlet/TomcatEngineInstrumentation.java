package dev.weft.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Tomcat's {@code StandardEngineValve.invoke(Request, Response)}: every request the connector has
 * parsed passes it before any context, so the request's span starts here and also covers what Tomcat
 * answers itself (a path outside every context, a context without a default servlet, an error the
 * host valve turns into an error page). The servlet entries inside then find the span and only add
 * the route and an escaping exception. Tomcat's request and response already are the servlet API's,
 * so the servlet advice applies unchanged ({@code this} is no servlet: no route from it). Tomcat 9
 * implements {@code javax.servlet}, 10+ {@code jakarta.servlet}: the argument's type picks the module.
 */
public final class TomcatEngineInstrumentation implements TypeInstrumentation {
  private final String apiPackage;
  private final String adviceClassName;

  public TomcatEngineInstrumentation(String apiPackage, String adviceClassName) {
    this.apiPackage = apiPackage;
    this.adviceClassName = adviceClassName;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.catalina.core.StandardEngineValve");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        named("invoke")
            .and(takesArguments(2))
            .and(takesArgument(0, hasSuperType(named(apiPackage + ".http.HttpServletRequest"))))
            .and(takesArgument(1, hasSuperType(named(apiPackage + ".http.HttpServletResponse")))),
        adviceClassName);
  }
}
