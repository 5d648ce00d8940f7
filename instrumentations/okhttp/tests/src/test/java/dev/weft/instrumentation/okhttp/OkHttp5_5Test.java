package dev.weft.instrumentation.okhttp;

/** Every test of {@link OkHttpTest} with OkHttp 5.5.1, the newest. */
class OkHttp5_5Test extends OkHttpTest {
  @Override
  String version() {
    return "5.5.1";
  }
}
