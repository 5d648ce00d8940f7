package dev.weft.instrumentation.executors.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.bootstrap.context.TaskContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutorTasksTest {
  private static final Span SPAN =
      Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
          TraceFlags.getSampled(), TraceState.getDefault()));

  private static void captureInSpan(Object task) {
    try (Scope ignored = SPAN.makeCurrent()) {
      TaskContext.capture(task);
    }
  }

  @Test
  void runRestoresAroundTheTaskAndDropsAOneShotTask() {
    AtomicReference<Span> seen = new AtomicReference<>();
    Runnable task = () -> seen.set(Span.current());
    captureInSpan(task);
    ExecutorTasks.run(task);
    assertThat(seen.get()).isSameAs(SPAN);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(TaskContext.attached(task)).isNull();
  }

  @Test
  void runRestoresThePreviousContextWhenTheTaskThrows() {
    Runnable task = () -> {
      throw new IllegalStateException("boom");
    };
    captureInSpan(task);
    assertThatThrownBy(() -> ExecutorTasks.run(task)).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(TaskContext.attached(task)).isNull();
  }

  @Test
  void aFutureThatIsNotDoneKeepsItsContext() {
    FutureTask<String> periodicLike = new FutureTask<>(() -> "x");
    captureInSpan(periodicLike);
    ExecutorTasks.exit(periodicLike, null); // not run yet, so not done: runs again later
    assertThat(TaskContext.attached(periodicLike)).isNotNull();
    periodicLike.run();
    ExecutorTasks.exit(periodicLike, null);
    assertThat(TaskContext.attached(periodicLike)).isNull();
  }

  @Test
  void rejectedAndRemovedTasksAreDropped() {
    Object rejected = new Object();
    Object removed = new Object();
    Object kept = new Object();
    captureInSpan(rejected);
    captureInSpan(removed);
    captureInSpan(kept);
    ExecutorTasks.submitted(rejected, new RuntimeException());
    ExecutorTasks.removed(removed, true);
    ExecutorTasks.submitted(kept, null);
    ExecutorTasks.removed(kept, false);
    assertThat(TaskContext.attached(rejected)).isNull();
    assertThat(TaskContext.attached(removed)).isNull();
    assertThat(TaskContext.attached(kept)).isNotNull();
    TaskContext.forget(kept);
  }

  @Test
  void aThreadIsEnteredOnlyOnItself() throws Exception {
    Thread other = new Thread(() -> {});
    captureInSpan(other);
    assertThat(ExecutorTasks.enterThread(other)).isNull();
    AtomicReference<Span> seen = new AtomicReference<>();
    Thread self = new Thread(() -> {
      Scope s = ExecutorTasks.enterThread(Thread.currentThread());
      seen.set(Span.current());
      ExecutorTasks.exitThread(Thread.currentThread(), s);
    });
    captureInSpan(self);
    self.start();
    self.join();
    assertThat(seen.get()).isSameAs(SPAN);
    assertThat(TaskContext.attached(self)).isNull();
    TaskContext.forget(other);
  }
}
