package dev.weft.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import java.sql.Connection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every class implementing {@code java.sql.Connection}: a created statement is remembered with its
 * connection's facts, and a prepared one with its SQL (analyzed once, here, not per execution); a
 * closed connection's facts are forgotten.
 */
final class ConnectionInstrumentation implements TypeInstrumentation {
  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcTypes.implementing("java.sql.Connection");
  }

  @Override
  public void transform(AdviceTarget advice) {
    String self = ConnectionInstrumentation.class.getName();
    // clientPrepareStatement/serverPrepareStatement: MySQL Connector/J's public variants, which its
    // own metadata code calls directly (seen in 9.5); without them those statements have no SQL.
    advice.apply(
        isPublic()
            .and(namedOneOf("prepareStatement", "prepareCall", "clientPrepareStatement", "serverPrepareStatement"))
            .and(takesArgument(0, String.class)),
        self + "$PrepareAdvice");
    advice.apply(isPublic().and(named("createStatement")), self + "$CreateStatementAdvice");
    advice.apply(isPublic().and(named("close")).and(takesArguments(0)), self + "$CloseAdvice");
  }

  @SuppressWarnings("unused")
  public static class PrepareAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Connection connection,
        @Advice.Argument(0) String sql,
        @Advice.Return Object statement) {
      JdbcAdviceHelper.statementCreated(connection, statement, sql);
    }
  }

  @SuppressWarnings("unused")
  public static class CreateStatementAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Connection connection, @Advice.Return Object statement) {
      JdbcAdviceHelper.statementCreated(connection, statement, null);
    }
  }

  @SuppressWarnings("unused")
  public static class CloseAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object connection, @Advice.Thrown Throwable error) {
      if (error == null) {
        JdbcTracing.connectionClosed(connection);
      }
    }
  }
}
