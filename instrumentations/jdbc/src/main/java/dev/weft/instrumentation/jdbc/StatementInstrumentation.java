package dev.weft.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing;
import dev.weft.instrumentation.jdbc.bootstrap.JdbcTracing.Execution;
import dev.weft.tooling.AdviceTarget;
import dev.weft.tooling.TypeInstrumentation;
import java.sql.Statement;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every class implementing {@code java.sql.Statement} (and so {@code PreparedStatement} and
 * {@code CallableStatement}): the execute methods make the span; {@code addBatch}/{@code clearBatch}
 * count the batch; with parameter capture on, {@code setXxx(int, value)} records values; {@code close}
 * drops what Weft kept about the statement.
 */
final class StatementInstrumentation implements TypeInstrumentation {
  private static final String[] EXECUTE = {"execute", "executeQuery", "executeUpdate", "executeLargeUpdate"};

  private final boolean captureParameters;

  StatementInstrumentation(boolean captureParameters) {
    this.captureParameters = captureParameters;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return JdbcTypes.implementing("java.sql.Statement");
  }

  @Override
  public void transform(AdviceTarget advice) {
    String self = StatementInstrumentation.class.getName();
    advice.apply(isPublic().and(namedOneOf(EXECUTE)).and(takesArgument(0, String.class)), self + "$ExecuteSqlAdvice");
    advice.apply(isPublic().and(namedOneOf(EXECUTE)).and(takesArguments(0)), self + "$ExecutePreparedAdvice");
    advice.apply(
        isPublic().and(namedOneOf("executeBatch", "executeLargeBatch")).and(takesArguments(0)),
        self + "$ExecuteBatchAdvice");
    advice.apply(isPublic().and(named("addBatch")).and(takesArguments(String.class)), self + "$AddBatchSqlAdvice");
    advice.apply(isPublic().and(named("addBatch")).and(takesArguments(0)), self + "$AddBatchAdvice");
    advice.apply(isPublic().and(named("clearBatch")).and(takesArguments(0)), self + "$ClearBatchAdvice");
    advice.apply(isPublic().and(named("close")).and(takesArguments(0)), self + "$CloseAdvice");
    if (captureParameters) {
      // Only woven when asked for: setXxx is the hottest JDBC call after execute.
      advice.apply(
          isPublic().and(nameStartsWith("set")).and(takesArgument(0, int.class))
              .and(takesArguments(2).or(takesArguments(3))),
          self + "$SetParameterAdvice");
      advice.apply(isPublic().and(named("clearParameters")).and(takesArguments(0)), self + "$ClearParametersAdvice");
    }
  }

  @SuppressWarnings("unused")
  public static class ExecuteSqlAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Execution onEnter(@Advice.This Statement statement, @Advice.Argument(0) String sql) {
      return JdbcAdviceHelper.executeEnter(statement, sql, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Statement statement, @Advice.Enter Execution execution, @Advice.Thrown Throwable error) {
      JdbcAdviceHelper.executeExit(statement, execution, error, false);
    }
  }

  @SuppressWarnings("unused")
  public static class ExecutePreparedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Execution onEnter(@Advice.This Statement statement) {
      return JdbcAdviceHelper.executeEnter(statement, null, false);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Statement statement, @Advice.Enter Execution execution, @Advice.Thrown Throwable error) {
      JdbcAdviceHelper.executeExit(statement, execution, error, false);
    }
  }

  @SuppressWarnings("unused")
  public static class ExecuteBatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Execution onEnter(@Advice.This Statement statement) {
      return JdbcAdviceHelper.executeEnter(statement, null, true);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Statement statement, @Advice.Enter Execution execution, @Advice.Thrown Throwable error) {
      JdbcAdviceHelper.executeExit(statement, execution, error, true);
    }
  }

  @SuppressWarnings("unused")
  public static class AddBatchSqlAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
      JdbcAdviceHelper.addBatch(statement, sql);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit() {
      JdbcAdviceHelper.addBatchExit();
    }
  }

  @SuppressWarnings("unused")
  public static class AddBatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object statement) {
      JdbcAdviceHelper.addBatch(statement, null);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit() {
      JdbcAdviceHelper.addBatchExit();
    }
  }

  @SuppressWarnings("unused")
  public static class ClearBatchAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object statement) {
      JdbcAdviceHelper.clearBatch(statement);
    }
  }

  @SuppressWarnings("unused")
  public static class CloseAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(@Advice.This Object statement, @Advice.Thrown Throwable error) {
      if (error == null) {
        JdbcTracing.statementClosed(statement);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class SetParameterAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void onExit(
        @Advice.This Object statement,
        @Advice.Argument(0) int index,
        @Advice.Argument(value = 1, typing = Assigner.Typing.DYNAMIC) Object value,
        @Advice.Origin("#m") String method,
        @Advice.Thrown Throwable error) {
      if (error == null) {
        JdbcAdviceHelper.setParameter(statement, index, method.equals("setNull") ? null : value);
      }
    }
  }

  @SuppressWarnings("unused")
  public static class ClearParametersAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void onEnter(@Advice.This Object statement) {
      JdbcAdviceHelper.clearParameters(statement);
    }
  }
}
