package dev.weft.instrumentation.apachehttpclient;

/** Every test of {@link ApacheHttpClientTest} with Apache HttpClient 5.0.4, the oldest 5.x line. */
class ApacheHttpClient5_0Test extends ApacheHttpClientTest {
  @Override
  String version() {
    return "5.0.4";
  }

  @Override
  Class<?> app() {
    return dev.weft.instrumentation.apachehttpclient.app.v5.ScenarioApp.class;
  }

  @Override
  String refusedException() {
    return "org.apache.hc.client5.http.HttpHostConnectException";
  }

  @Override
  String noResponseException() {
    return "org.apache.hc.core5.http.NoHttpResponseException";
  }
}
