package com.shop;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** A class of the scenario app whose methods are named in OTEL_INSTRUMENTATION_METHODS_INCLUDE. */
public class Cart {
  private final String stockUrl;

  public Cart(String stockUrl) {
    this.stockUrl = stockUrl;
  }

  /** A constructor that throws: the JVM allows no handler around super(), so it gets no span. */
  public Cart(boolean broken) {
    if (broken) {
      throw new IllegalStateException("broken cart");
    }
    this.stockUrl = null;
  }

  public long price(String sku) {
    return sku.length() * 100L;
  }

  /** An overload: traced as well, and nested when it calls the other one. */
  public long price(String sku, int quantity) {
    return price(sku) * quantity;
  }

  /** Traced; calls a traced overload, an untraced method and an HTTP service (Weft's CLIENT span). */
  public long checkout(String sku) throws IOException {
    long total = price(sku, 2) + shipping();
    HttpURLConnection c = (HttpURLConnection) new URL(stockUrl).openConnection();
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes();
    }
    return total + new Tax().compute(total);
  }

  /** Not named in the configuration. */
  public long shipping() {
    return 500;
  }
}
