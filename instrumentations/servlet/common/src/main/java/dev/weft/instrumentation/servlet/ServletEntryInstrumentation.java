package dev.weft.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.SuperTypes;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.HashSet;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every implementation of {@code Servlet.service(ServletRequest, ServletResponse)} and
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)}: the request's first entry into
 * application code, whichever comes first (a filter, the servlet, the container's default servlet for
 * an unmapped path). The {@code HttpServletRequest} overload of {@code HttpServlet.service} is not
 * matched: it is always called from the generic one.
 *
 * <p>The servlet API generations differ only in their package ({@code javax.servlet},
 * {@code jakarta.servlet}), so one class serves both; each module passes its package and advice.
 */
public final class ServletEntryInstrumentation implements TypeInstrumentation {
  private final String apiPackage;
  private final String adviceClassName;

  public ServletEntryInstrumentation(String apiPackage, String adviceClassName) {
    this.apiPackage = apiPackage;
    this.adviceClassName = adviceClassName;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return SuperTypes.classWithSuperType(
        new HashSet<>(Arrays.asList(apiPackage + ".Servlet", apiPackage + ".Filter")), apiPackage + ".");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        isPublic()
            .and(not(isAbstract()))
            .and(namedOneOf("service", "doFilter"))
            .and(takesArguments(2).or(takesArguments(3)))
            .and(takesArgument(0, named(apiPackage + ".ServletRequest")))
            .and(takesArgument(1, named(apiPackage + ".ServletResponse"))),
        adviceClassName);
  }
}
