package dev.weft.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.httpurlconnection.bootstrap.HttpUrlConnectionHelper;
import dev.weft.instrumentation.httpurlconnection.bootstrap.HttpUrlConnectionHelper.Call;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's own HTTP(S) connection classes. Matching by package first keeps the superclass walk off
 * every other class; third-party subclasses of {@code HttpURLConnection} either delegate to these (and
 * get their span here) or wrap another client that has its own instrumentation.
 */
public final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return nameStartsWith("sun.net.www.protocol.http")
        .and(hasSuperClass(named("java.net.HttpURLConnection")));
  }

  @Override
  public void transform(AdviceTarget advice) {
    advice.apply(
        isPublic().and(namedOneOf("connect", "getOutputStream", "getInputStream", "getResponseCode"))
            .and(takesArguments(0)),
        getClass().getName() + "$RequestAdvice");
    advice.apply(
        isPublic().and(named("disconnect")).and(takesArguments(0)),
        getClass().getName() + "$DisconnectAdvice");
  }

  @SuppressWarnings("unused")
  public static class RequestAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Call onEnter(
        @Advice.This HttpURLConnection connection,
        @Advice.FieldValue("connected") boolean connected) {
      return HttpUrlConnectionHelper.enter(connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This HttpURLConnection connection,
        @Advice.Enter Call call,
        @Advice.Thrown Throwable error,
        @Advice.Origin("#m") String method,
        @Advice.FieldValue("connected") boolean connected) {
      HttpUrlConnectionHelper.exit(connection, call, error, method, connected);
    }
  }

  @SuppressWarnings("unused")
  public static class DisconnectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(
        @Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected) {
      HttpUrlConnectionHelper.disconnect(connection, connected);
    }
  }
}
