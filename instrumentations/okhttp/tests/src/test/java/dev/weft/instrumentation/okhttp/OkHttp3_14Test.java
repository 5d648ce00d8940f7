package dev.weft.instrumentation.okhttp;

/** Every test of {@link OkHttpTest} with OkHttp 3.14.9. */
class OkHttp3_14Test extends OkHttpTest {
  @Override
  String version() {
    return "3.14.9";
  }
}
