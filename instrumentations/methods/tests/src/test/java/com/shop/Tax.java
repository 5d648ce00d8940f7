package com.shop;

/** Its {@code compute} is traced; its constructor is not. */
public class Tax {
  public long compute(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative amount " + amount);
    }
    return amount / 5;
  }
}
