package dev.weft.instrumentation.okhttp;

/** Every test of {@link OkHttpTest} with OkHttp 4.12.0. */
class OkHttp4_12Test extends OkHttpTest {
  @Override
  String version() {
    return "4.12.0";
  }
}
