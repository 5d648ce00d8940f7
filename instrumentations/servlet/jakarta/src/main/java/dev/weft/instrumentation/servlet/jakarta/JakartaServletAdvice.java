package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.bootstrap.ServerSpanScope;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Servlet.service} and {@code Filter.doFilter} implementations and Tomcat's engine valve. */
@SuppressWarnings("unused")
public final class JakartaServletAdvice {
  private JakartaServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ServerSpanScope onEnter(
      @Advice.This Object self,
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response) {
    return JakartaServletHelper.enter(self, request, response);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter ServerSpanScope scope, @Advice.Thrown Throwable thrown) {
    ServerSpanScope.exit(scope, thrown);
  }
}
