package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanScope;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Servlet.service} and {@code Filter.doFilter} implementations and Tomcat's engine valve. */
@SuppressWarnings("unused")
public final class JavaxServletAdvice {
  private JavaxServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ServerSpanScope onEnter(
      @Advice.This Object self,
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response) {
    return JavaxServletHelper.enter(self, request, response);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter ServerSpanScope scope, @Advice.Thrown Throwable thrown) {
    ServerSpanScope.exit(scope, thrown);
  }
}
