package dev.weft.instrumentation.okhttp;

/** Every test of {@link OkHttpTest} with OkHttp 3.0.0, the oldest supported version. */
class OkHttp3_0Test extends OkHttpTest {
  @Override
  String version() {
    return "3.0.0";
  }
}
