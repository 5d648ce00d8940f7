package dev.weft.bootstrap.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class TaskContextTest {
  private static Span span(String traceId) {
    return Span.wrap(
        SpanContext.create(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()));
  }

  private static final Span A = span("4bf92f3577b34da6a3ce929d0e0e4736");
  private static final Span B = span("0af7651916cd43dd8448eb211c80319c");

  @Test
  void nothingIsAttachedWithoutASpan() {
    Object task = new Object();
    TaskContext.capture(task);
    assertThat(TaskContext.attached(task)).isNull();
    assertThat(TaskContext.enter(task)).isNull();
  }

  @Test
  void aContextWithoutAValidSpanIsNotAttached() {
    Object task = new Object();
    ContextKey<String> key = ContextKey.named("k");
    try (Scope ignored = Context.current().with(key, "v").makeCurrent()) {
      TaskContext.capture(task);
    }
    try (Scope ignored = Span.getInvalid().makeCurrent()) {
      TaskContext.capture(task);
    }
    assertThat(TaskContext.attached(task)).isNull();
  }

  @Test
  void enterRestoresTheCapturedContextAndExitTheOneBefore() {
    Object task = new Object();
    try (Scope ignored = A.makeCurrent()) {
      TaskContext.capture(task);
    }
    try (Scope outer = B.makeCurrent()) {
      Scope scope = TaskContext.enter(task);
      assertThat(Span.current()).isSameAs(A);
      TaskContext.exit(scope);
      assertThat(Span.current()).isSameAs(B);
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void theFirstCaptureWinsAndEnteringTwiceIsANoOp() {
    Object task = new Object();
    try (Scope ignored = A.makeCurrent()) {
      TaskContext.capture(task);
    }
    try (Scope ignored = B.makeCurrent()) {
      TaskContext.capture(task);
    }
    Scope first = TaskContext.enter(task);
    assertThat(TaskContext.enter(task)).as("already current").isNull();
    assertThat(Span.current()).isSameAs(A);
    TaskContext.exit(first);
    TaskContext.forget(task);
  }

  @Test
  void forgetDropsTheContextAndTheMapHoldsNoCollectedTask() throws Exception {
    Object task = new Object();
    int before = TaskContext.attachedCount();
    try (Scope ignored = A.makeCurrent()) {
      TaskContext.capture(task);
    }
    assertThat(TaskContext.attachedCount()).isEqualTo(before + 1);
    TaskContext.forget(task);
    assertThat(TaskContext.attached(task)).isNull();
    assertThat(TaskContext.attachedCount()).isEqualTo(before);

    try (Scope ignored = A.makeCurrent()) {
      for (int i = 0; i < 1000; i++) {
        TaskContext.capture(new Object());
      }
    }
    for (int i = 0; i < 50 && TaskContext.attachedCount() > before; i++) {
      System.gc();
      Thread.sleep(20);
    }
    // other tests' tasks may be collected meanwhile, so at most as many as before
    assertThat(TaskContext.attachedCount()).as("entries of collected tasks").isLessThanOrEqualTo(before);
  }

  @Test
  void wrapOnlyWhenASpanIsCurrent() throws Exception {
    Runnable r = () -> {};
    Callable<Span> c = Span::current;
    assertThat(TaskContext.wrap(r)).isSameAs(r);
    assertThat(TaskContext.wrap(c)).isSameAs(c);
    Callable<Span> wrapped;
    try (Scope ignored = A.makeCurrent()) {
      wrapped = TaskContext.wrap(c);
    }
    assertThat(wrapped).isNotSameAs(c);
    assertThat(wrapped.call()).isSameAs(A);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void wrapACompletionCallbackOnlyWhenASpanIsCurrent() {
    AtomicReference<String> seen = new AtomicReference<>();
    BiConsumer<String, Throwable> callback = (value, error) -> seen.set(value + " " + Span.current().getSpanContext().getTraceId());
    assertThat(TaskContext.wrap(callback)).isSameAs(callback);
    BiConsumer<String, Throwable> wrapped;
    try (Scope ignored = A.makeCurrent()) {
      wrapped = TaskContext.wrap(callback);
    }
    assertThat(wrapped).isNotSameAs(callback);
    try (Scope ignored = B.makeCurrent()) {
      wrapped.accept("v", null);
      assertThat(Span.current()).as("the completing thread's context is back").isSameAs(B);
    }
    assertThat(seen.get()).isEqualTo("v " + A.getSpanContext().getTraceId());
  }

  @Test
  void captureEvenWithoutSpanPinsTheSpanlessContextAgainstALaterCapture() {
    Object task = new Object();
    TaskContext.captureEvenWithoutSpan(task); // outside any trace
    try (Scope ignored = A.makeCurrent()) {
      TaskContext.capture(task); // queued later from inside another trace: the first attachment wins
      Scope scope = TaskContext.enter(task);
      assertThat(Span.current().getSpanContext().isValid()).as("runs outside any trace, as its creator").isFalse();
      TaskContext.exit(scope);
      assertThat(Span.current()).isSameAs(A);
    }
    TaskContext.forget(task);
    assertThat(TaskContext.attached(task)).isNull();

    Object traced = new Object();
    try (Scope ignored = A.makeCurrent()) {
      TaskContext.captureEvenWithoutSpan(traced);
    }
    try (Scope ignored = B.makeCurrent()) {
      Scope scope = TaskContext.enter(traced);
      assertThat(Span.current()).isSameAs(A);
      TaskContext.exit(scope);
    }
    TaskContext.forget(traced);
    TaskContext.captureEvenWithoutSpan(null);
  }

  @Test
  void enterRootLeavesTheTraceUntilExit() {
    assertThat(TaskContext.enterRoot()).as("nothing current: nothing to do").isNull();
    try (Scope ignored = A.makeCurrent()) {
      Scope scope = TaskContext.enterRoot();
      assertThat(Context.current()).isSameAs(Context.root());
      TaskContext.exit(scope);
      assertThat(Span.current()).isSameAs(A);
    }
  }

  @Test
  void nullsAreIgnored() {
    TaskContext.capture(null);
    TaskContext.forget(null);
    TaskContext.exit(null);
    assertThat(TaskContext.enter(null)).isNull();
    assertThat(TaskContext.wrap((Runnable) null)).isNull();
    assertThat(TaskContext.wrap((BiConsumer<Object, Object>) null)).isNull();
  }
}
