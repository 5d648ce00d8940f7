package com.shop;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.AddingSpanAttributes;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The annotated service of the scenario app (outside dev.weft: Weft never weaves its own packages). */
public class Shop {
  private final String stockUrl;

  public Shop(String stockUrl) {
    this.stockUrl = stockUrl;
  }

  @WithSpan
  public String sync() {
    return "ok";
  }

  @WithSpan(value = "publish order", kind = SpanKind.PRODUCER)
  public int named() {
    return 7;
  }

  @WithSpan
  public String order(
      @SpanAttribute("order.id") String id,
      @SpanAttribute long quantity,
      @SpanAttribute("order.paid") boolean paid,
      String notAnAttribute,
      @SpanAttribute("order.coupon") String coupon,
      @SpanAttribute("order.tags") String[] tags,
      @SpanAttribute("order.price") double price,
      @SpanAttribute("order.customer") Customer customer) {
    return id + "x" + quantity;
  }

  /** An argument whose toString throws: the attribute is left out, the call is unaffected. */
  @WithSpan
  public String badArgument(@SpanAttribute("bad") Object bad, @SpanAttribute("good") String good) {
    return good;
  }

  @WithSpan
  public void fail() {
    throw new IllegalStateException("out of stock");
  }

  /** Completes on another thread after a while; the span ends then. */
  @WithSpan
  public CompletableFuture<String> async(Executor executor) {
    CompletableFuture<String> result = new CompletableFuture<>();
    executor.execute(() -> {
      sleep(200);
      result.complete("shipped");
    });
    return result;
  }

  @WithSpan
  public CompletionStage<String> asyncFailing(Executor executor) {
    return CompletableFuture.supplyAsync(() -> {
      sleep(50);
      throw new IllegalArgumentException("no courier");
    }, executor);
  }

  @WithSpan
  public long outer() throws IOException {
    return inner() + 1;
  }

  @WithSpan
  public long inner() throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(stockUrl).openConnection();
    try (InputStream in = c.getInputStream()) {
      return in.readAllBytes().length;
    }
  }

  @WithSpan
  public String excluded() {
    return "not traced";
  }

  @WithSpan
  public String addsAttributes() {
    return adding("gold", 3);
  }

  @AddingSpanAttributes
  public String adding(@SpanAttribute("customer.tier") String tier, @SpanAttribute("customer.visits") int visits) {
    return tier + visits;
  }

  @WithSpan
  public String detaching() {
    return detached();
  }

  @WithSpan(inheritContext = false)
  public String detached() {
    return "root";
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** An argument type whose toString fails. */
  public static final class Unprintable {
    @Override
    public String toString() {
      throw new IllegalStateException("no toString for you");
    }
  }

  /** An argument type with its own toString. */
  public record Customer(String name) {
    @Override
    public String toString() {
      return "customer " + name;
    }
  }
}
