package com.example.greeter;

/** Stands in for a library class: the tests load it in a class loader of its own. */
public class Greeter {
  public String greet(String who) {
    return "hello " + who;
  }

  public String language() {
    return "en";
  }
}
