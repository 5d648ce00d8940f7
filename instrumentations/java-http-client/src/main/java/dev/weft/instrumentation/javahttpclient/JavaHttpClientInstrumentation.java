package dev.weft.instrumentation.javahttpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's one client implementation; {@code HttpClient.newHttpClient()} hands out a facade that
 * delegates to it. The public {@code send} and {@code sendAsync} overloads are the entry points (they
 * call each other or a private overload on some JDK versions: the helper's call depth keeps it to one
 * span). Advice classes are named by string: they are Java 11 bytecode, this class is Java 8.
 */
public final class JavaHttpClientInstrumentation implements TypeInstrumentation {
  private static final String ADVICE = "dev.weft.instrumentation.javahttpclient.JavaHttpClientAdvice";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("jdk.internal.net.http.HttpClientImpl");
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(isPublic().and(named("send")).and(takesArguments(2)), ADVICE + "$Send");
    advice.apply(
        isPublic().and(named("sendAsync")).and(takesArguments(2).or(takesArguments(3))),
        ADVICE + "$SendAsync");
  }
}
