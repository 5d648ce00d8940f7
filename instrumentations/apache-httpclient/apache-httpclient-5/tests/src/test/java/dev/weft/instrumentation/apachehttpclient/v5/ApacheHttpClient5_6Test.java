package dev.weft.instrumentation.apachehttpclient.v5;

/** Every test of {@link ApacheHttpClient5Test} with httpclient5 5.6.5, the newest. */
class ApacheHttpClient5_6Test extends ApacheHttpClient5Test {
  @Override
  String version() {
    return "5.6.5";
  }
}
