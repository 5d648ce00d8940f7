package dev.weft.instrumentation.apachehttpclient.v5;

/** Every test of {@link ApacheHttpClient5Test} with httpclient5 5.0.4, the oldest supported line. */
class ApacheHttpClient5_0Test extends ApacheHttpClient5Test {
  @Override
  String version() {
    return "5.0.4";
  }
}
