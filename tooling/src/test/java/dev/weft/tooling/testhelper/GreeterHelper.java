package dev.weft.tooling.testhelper;

import com.example.greeter.Greeter;

/** Stands in for a helper that references library types and must be injected next to them. */
public final class GreeterHelper {
  private GreeterHelper() {}

  public static String decorate(Greeter greeter, String result) {
    return result + " [woven, " + greeter.language() + ", helper in " + loaderName() + "]";
  }

  private static String loaderName() {
    return GreeterHelper.class.getClassLoader().getClass().getSimpleName();
  }
}
